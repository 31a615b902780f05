"""Écriture des lignes importées dans le parc, par lots, via le service d'enregistrement en
masse du parc (qui tient l'historique de chaque équipement)."""

import csv
import io
import json

from django.db import connection
from django.utils import timezone

from parc.enums import AVEC_BENEFICIAIRE, Action
from parc.models import Equipement, EvenementEquipement, TypeEquipement
from parc.services import CHAMPS_SUIVIS, differences, instantane, instantane_de

from .lecture import DateLue

TAILLE_LOT = 2_000

# Clé de lecture → champ de l'équipement (le type et les dates sont traités à part).
CHAMPS_EQUIPEMENT = {
    "nom": "nom",
    "marque": "marque",
    "modele": "modele",
    "numero_serie": "numero_serie",
    "numero_inventaire": "numero_inventaire",
    "quantite": "quantite",
    "prix_achat_ht": "prix_achat_ht",
    "origine": "origine",
    "statut": "statut",
    "service": "service",
    "site": "site",
    "mutualise": "mutualise",
    "poids_kg": "poids_kg",
    "destination_fin": "destination",
    "beneficiaire": "beneficiaire",
}
# Champs réécrits lors d'une mise à jour (ceux que suit l'historique du parc).
CHAMPS_ECRITS = [*CHAMPS_SUIVIS, "statut_depuis", "modifie_le"]


def champs_de_date(cle: str, date: DateLue) -> dict:
    if cle == "date_fin_usage":
        return {"date_fin_usage": date.date}
    if date.annee_seule:
        return {"annee_acquisition": date.date.year}
    return {"date_acquisition": date.date, "annee_acquisition": date.date.year}


# Ce que l'import peut écrire d'un équipement (voir `services._vers_champs`).
CHAMPS_COMPARES = ["type_id" if champ == "type" else champ for champ in CHAMPS_SUIVIS]


class Existants:
    """Les équipements de la collectivité, lus en une requête : leurs identifiants (n° de série,
    d'inventaire, nom) et leurs valeurs, pour dire avant d'écrire ce qui changerait."""

    AMBIGU = -1  # un nom que portent plusieurs équipements

    def __init__(self, collectivite):
        self.cles = {"numero_serie": {}, "numero_inventaire": {}, "nom": {}}
        self.valeurs: dict[int, tuple] = {}
        for pk, *valeurs in Equipement.objects.for_collectivite(collectivite).values_list(
            "pk", *CHAMPS_COMPARES
        ):
            self.valeurs[pk] = tuple(valeurs)
            ligne = dict(zip(CHAMPS_COMPARES, valeurs, strict=True))
            for champ in ("numero_serie", "numero_inventaire"):
                if ligne[champ]:
                    self.cles[champ][ligne[champ]] = pk
            if ligne["nom"]:
                deja = self.cles["nom"].get(ligne["nom"])
                self.cles["nom"][ligne["nom"]] = pk if deja is None else self.AMBIGU

    def etat(self, pk: int | None) -> dict | None:
        if pk is None:
            return None
        return dict(zip(CHAMPS_COMPARES, self.valeurs[pk], strict=True))

    def change(self, pk: int, champs: dict) -> bool:
        """Les champs lus changeraient-ils l'équipement (règles de `_completer` comprises) ?"""
        avant = self.etat(pk)
        apres = {**avant, **{cle: valeur for cle, valeur in champs.items() if cle in avant}}
        if apres["destination"] not in AVEC_BENEFICIAIRE:
            apres["beneficiaire"] = ""
        if (
            apres["date_acquisition"]
            and apres["date_acquisition"].year != (apres["annee_acquisition"])
        ):
            apres["date_acquisition"] = None
        return apres != avant


def _completer(equipement: Equipement) -> None:
    """Les règles que le parc applique à chaque enregistrement (voir `parc.services`)."""
    if equipement.date_acquisition and (
        equipement.date_acquisition.year != equipement.annee_acquisition
    ):
        equipement.date_acquisition = None  # une autre année seule remplace la date
    if equipement.destination not in AVEC_BENEFICIAIRE:
        equipement.beneficiaire = ""


class Ecrivain:
    """Accumule les lignes valides et les écrit par lots de `TAILLE_LOT`."""

    def __init__(self, *, collectivite, auteur):
        self.collectivite = collectivite
        self.auteur = auteur
        self.types = TypeEquipement.objects.in_bulk()
        self.a_creer: list[dict] = []
        self.a_modifier: dict[int, dict] = {}

    def ajouter(self, numero: int, champs: dict, pk: int | None) -> None:
        if "type_id" in champs:
            champs["type"] = self.types[champs.pop("type_id")]
        if pk is None:
            self.a_creer.append(champs)
        else:
            self.a_modifier[pk] = champs
        if len(self.a_creer) + len(self.a_modifier) >= TAILLE_LOT:
            self.vider()

    def vider(self) -> None:
        a_modifier = []
        if self.a_modifier:
            existants = (
                Equipement.objects.for_collectivite(self.collectivite)
                .select_related("type")
                .in_bulk(list(self.a_modifier))
            )
            aujourdhui = timezone.localdate()
            for pk, champs in self.a_modifier.items():
                equipement = existants[pk]
                changes = {
                    nom: valeur
                    for nom, valeur in champs.items()
                    if getattr(equipement, nom) != valeur
                }
                if not changes:
                    continue  # réimport du même fichier : rien à écrire
                avant, statut_avant = instantane(equipement), equipement.statut
                for nom, valeur in changes.items():
                    setattr(equipement, nom, valeur)
                _completer(equipement)
                if equipement.statut != statut_avant:
                    equipement.statut_depuis = aujourdhui
                a_modifier.append((equipement, avant))
        if self.a_creer:
            self._creer(self.a_creer)
        if a_modifier:
            self._mettre_a_jour(a_modifier)
        self.a_creer, self.a_modifier = [], {}

    def _creer(self, lignes: list[dict]) -> None:
        """Les créations, historique compris, écrites depuis des tuples préparés une fois :
        `COPY` sur PostgreSQL, `executemany` sur SQLite ; l'instantané de chaque équipement
        est calculé une fois, depuis ses champs, sans objet Django (voir `bench/import_parc.py`)."""
        ops = connection.ops
        maintenant, aujourdhui = timezone.now(), timezone.localdate()
        colonnes = [f for f in Equipement._meta.concrete_fields if not f.primary_key]
        defauts = {f.name: f.get_default() for f in colonnes}
        defauts.update(
            collectivite=self.collectivite,
            statut_depuis=aujourdhui,
            cree_le=maintenant,
            modifie_le=maintenant,
        )
        adaptateurs = []
        for champ in colonnes:
            interne = champ.get_internal_type()
            if interne == "DateTimeField":
                adaptateurs.append(ops.adapt_datetimefield_value)
            elif interne == "DateField":
                adaptateurs.append(ops.adapt_datefield_value)
            elif interne == "DecimalField":
                adaptateurs.append(
                    lambda v, c=champ: ops.adapt_decimalfield_value(
                        v, c.max_digits, c.decimal_places
                    )
                )
            elif interne == "JSONField":
                adaptateurs.append(lambda v, c=champ: c.get_db_prep_save(v, connection))
            else:
                adaptateurs.append(None)
        equipements, instantanes = [], []
        for champs in lignes:
            valeurs = {**defauts, **champs}
            if valeurs["date_acquisition"] and (
                valeurs["date_acquisition"].year != valeurs["annee_acquisition"]
            ):
                valeurs["date_acquisition"] = None
            if valeurs["destination"] not in AVEC_BENEFICIAIRE:
                valeurs["beneficiaire"] = ""
            rangee = []
            for champ, adapter in zip(colonnes, adaptateurs, strict=True):
                valeur = valeurs[champ.name]
                if champ.is_relation:
                    valeur = valeur.pk if valeur is not None else None
                elif adapter is not None and valeur is not None:
                    valeur = adapter(valeur)
                rangee.append(valeur)
            equipements.append(rangee)
            instantanes.append(differences({}, instantane_de(valeurs)))
        cles = _inserer(Equipement._meta.db_table, [c.column for c in colonnes], equipements)
        auteur = self.auteur.pk if self.auteur is not None else None
        date = ops.adapt_datetimefield_value(maintenant)
        _inserer(
            EvenementEquipement._meta.db_table,
            ["equipement_id", "auteur_id", "date", "action", "changements"],
            [
                [cle, auteur, date, Action.IMPORT, json.dumps(changements, ensure_ascii=False)]
                for cle, changements in zip(cles, instantanes, strict=True)
            ],
            cles=False,
        )

    def _mettre_a_jour(self, a_modifier: list[tuple[Equipement, dict]]) -> None:
        """Les mises à jour, historique compris, comme `equipements_enregistrer_en_masse`, mais
        en un UPDATE par équipement envoyé d'un bloc (`executemany`, par mille sur PostgreSQL) :
        `bulk_update`, qui construit un CASE par champ, prend 3 minutes pour 50 000 lignes."""
        maintenant = timezone.now()
        champs = [Equipement._meta.get_field(nom) for nom in CHAMPS_ECRITS]
        parametres = []
        for equipement, _ in a_modifier:
            equipement.modifie_le = maintenant
            parametres.append(
                [c.get_db_prep_save(getattr(equipement, c.attname), connection) for c in champs]
                + [equipement.pk]
            )
        nom_sql = connection.ops.quote_name
        requete = (
            f"UPDATE {nom_sql(Equipement._meta.db_table)} SET "
            + ", ".join(f"{nom_sql(c.column)} = %s" for c in champs)
            + f" WHERE {nom_sql(Equipement._meta.pk.column)} = %s"
        )
        with connection.cursor() as curseur:
            if connection.vendor == "postgresql":
                from psycopg2.extras import execute_batch

                execute_batch(curseur.cursor, requete, parametres, page_size=1_000)
            else:
                curseur.executemany(requete, parametres)
        EvenementEquipement.objects.bulk_create(
            [
                EvenementEquipement(
                    equipement=equipement,
                    auteur=self.auteur,
                    action=Action.IMPORT,
                    changements=differences(avant, instantane(equipement)),
                )
                for equipement, avant in a_modifier
            ],
            batch_size=TAILLE_LOT,
        )

    def terminer(self) -> None:
        self.vider()


def _inserer(table: str, colonnes: list[str], lignes: list[list], *, cles: bool = True):
    """Insère des lignes déjà préparées ; renvoie leurs clés (dans l'ordre) si `cles`.

    PostgreSQL : les clés sont réservées d'abord (`nextval`), puis `COPY` écrit tout d'un
    flux. SQLite : `executemany` ; un seul écrivain à la fois et des clés AUTOINCREMENT, donc
    les clés d'un lot sont consécutives jusqu'à la dernière insérée.
    """
    if not lignes:
        return []
    nom = connection.ops.quote_name
    with connection.cursor() as curseur:
        if connection.vendor == "postgresql":
            reservees = []
            if cles:
                curseur.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, len(lignes)],
                )
                reservees = [rangee[0] for rangee in curseur.fetchall()]
                lignes = [[cle, *ligne] for cle, ligne in zip(reservees, lignes, strict=True)]
                colonnes = ["id", *colonnes]
            tampon = io.StringIO()
            ecrivain = csv.writer(tampon, lineterminator="\n")
            for ligne in lignes:
                ecrivain.writerow(["\\N" if v is None else v for v in ligne])
            tampon.seek(0)
            curseur.cursor.copy_expert(
                f"COPY {nom(table)} ({', '.join(nom(c) for c in colonnes)}) FROM STDIN "
                "WITH (FORMAT csv, NULL '\\N')",
                tampon,
            )
            return reservees
        curseur.executemany(
            f"INSERT INTO {nom(table)} ({', '.join(nom(c) for c in colonnes)}) "
            f"VALUES ({', '.join(['%s'] * len(colonnes))})",
            lignes,
        )
        if not cles:
            return []
        curseur.execute("SELECT last_insert_rowid()")
        derniere = curseur.fetchone()[0]
        return list(range(derniere - len(lignes) + 1, derniere + 1))
