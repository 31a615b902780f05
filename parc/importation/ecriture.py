"""Écriture des lignes importées dans le parc, par lots ; l'historique commun reçoit ensuite une
seule entrée qui résume l'import (`Ecrivain.crees`, `Ecrivain.modifies`)."""

import csv
import io

from django.db import connection
from django.utils import timezone

from collectivites.services import ServicesCanoniques
from parc.enums import AVEC_BENEFICIAIRE
from parc.models import Equipement, TypeEquipement
from parc.services import CHAMPS_SUIVIS

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
        """Les champs lus changeraient-ils l'équipement (règles du parc comprises) ?"""
        avant = self.etat(pk)
        apres = {**avant, **{cle: valeur for cle, valeur in champs.items() if cle in avant}}
        _completer_valeurs(apres)
        return apres != avant


class Ecrivain:
    """Accumule les lignes valides et les écrit par lots de `TAILLE_LOT`."""

    def __init__(self, *, collectivite, auteur):
        self.collectivite = collectivite
        self.auteur = auteur
        self.types = TypeEquipement.objects.in_bulk()
        self.service_canonique = ServicesCanoniques(collectivite)
        self.a_creer: list[dict] = []
        self.a_modifier: dict[int, dict] = {}
        self.crees = self.modifies = 0

    def ajouter(self, numero: int, champs: dict, pk: int | None) -> None:
        if "type_id" in champs:
            champs["type"] = self.types[champs.pop("type_id")]
        if champs.get("service"):
            champs["service"] = self.service_canonique(champs["service"])
        if pk is None:
            self.a_creer.append(champs)
        else:
            self.a_modifier[pk] = champs
        if len(self.a_creer) + len(self.a_modifier) >= TAILLE_LOT:
            self.vider()

    def vider(self) -> None:
        if self.a_creer:
            self._creer(self.a_creer)
        if self.a_modifier:
            self._mettre_a_jour(self.a_modifier)
        self.a_creer, self.a_modifier = [], {}

    def _creer(self, lignes: list[dict]) -> None:
        """Les créations, écrites depuis des tuples préparés une fois : `COPY` sur PostgreSQL,
        `executemany` sur SQLite, sans objet Django (voir `bench/import_parc.py`)."""
        maintenant, aujourdhui = timezone.now(), timezone.localdate()
        colonnes = [f for f in Equipement._meta.concrete_fields if not f.primary_key]
        defauts = {f.name: f.get_default() for f in colonnes}
        # Les valeurs communes à toutes les lignes sont converties pour la base une seule fois.
        constantes = {
            "statut_depuis": connection.ops.adapt_datefield_value(aujourdhui),
            "cree_le": connection.ops.adapt_datetimefield_value(maintenant),
            "modifie_le": connection.ops.adapt_datetimefield_value(maintenant),
        }
        defauts.update(collectivite=self.collectivite, **constantes)
        plan = _plan(colonnes, deja_convertis=constantes)
        equipements = []
        for champs in lignes:
            valeurs = {**defauts, **champs}
            _completer_valeurs(valeurs)
            equipements.append(_rangee(valeurs, plan))
        _inserer(Equipement._meta.db_table, [c.column for c in colonnes], equipements, cles=False)
        self.crees += len(equipements)

    def _mettre_a_jour(self, a_modifier: dict[int, dict]) -> None:
        """Les mises à jour : les valeurs d'avant viennent de la lecture faite pour l'aperçu
        (`Existants`, une requête), seules les lignes qui changent sont écrites, et les nouvelles
        valeurs passent par une table temporaire et un seul UPDATE … FROM ; `statut_depuis` ne
        change qu'avec le statut."""
        maintenant, aujourdhui = timezone.now(), timezone.localdate()
        noms = [nom for nom in CHAMPS_ECRITS if nom != "statut_depuis"]
        colonnes = [Equipement._meta.get_field(nom) for nom in noms]
        modifie_le = connection.ops.adapt_datetimefield_value(maintenant)
        plan = _plan(colonnes, deja_convertis={"modifie_le": modifie_le})
        jour = connection.ops.adapt_datefield_value(aujourdhui)
        parametres = []
        for pk, champs in a_modifier.items():
            avant = self.existants.etat(pk)
            avant["type"] = self.types[avant["type_id"]]
            apres = {**avant, **champs, "modifie_le": modifie_le}
            if "type" in champs:
                apres["type_id"] = champs["type"].pk
            _completer_valeurs(apres)
            if not _differe(avant, apres):
                continue
            parametres.append([pk, *_rangee(apres, plan), jour])
        if not parametres:
            return
        # Une table temporaire reçoit les nouvelles valeurs d'un bloc (COPY ou executemany),
        # puis un seul UPDATE … FROM les applique ; statut_depuis ne change qu'avec le statut.
        nom_sql = connection.ops.quote_name
        table, temporaire = nom_sql(Equipement._meta.db_table), nom_sql("import_parc_maj")
        noms_colonnes = [nom_sql(c.column) for c in colonnes]
        statut, depuis = nom_sql("statut"), nom_sql("statut_depuis")
        with connection.cursor() as curseur:
            curseur.execute(f"DROP TABLE IF EXISTS {temporaire}")
            curseur.execute(
                f"CREATE TEMPORARY TABLE {temporaire} AS SELECT {nom_sql('id')}, "
                f"{', '.join(noms_colonnes)}, {depuis} FROM {table} WHERE 1 = 0"
            )
            _inserer(
                "import_parc_maj",
                ["id", *(c.column for c in colonnes), "statut_depuis"],
                parametres,
                cles=False,
            )
            curseur.execute(
                f"UPDATE {table} SET "
                + ", ".join(f"{nom} = m.{nom}" for nom in noms_colonnes)
                + f", {depuis} = CASE WHEN {table}.{statut} = m.{statut} THEN {table}.{depuis} "
                f"ELSE m.{depuis} END FROM {temporaire} AS m "
                f"WHERE {table}.{nom_sql('id')} = m.{nom_sql('id')}"
            )
            curseur.execute(f"DROP TABLE {temporaire}")
        self.modifies += len(parametres)

    def terminer(self) -> None:
        self.vider()


def _differe(avant: dict, apres: dict) -> bool:
    """Un champ suivi change-t-il ? Une valeur absente vaut un texte vide."""
    for champ in CHAMPS_COMPARES:
        valeur_avant, valeur_apres = avant.get(champ), apres.get(champ)
        if valeur_avant != valeur_apres and (valeur_avant or "") != (valeur_apres or ""):
            return True
    return False


def _completer_valeurs(valeurs: dict) -> None:
    """Les règles de `_completer`, sur un dictionnaire de champs."""
    if valeurs["date_acquisition"] and (
        valeurs["date_acquisition"].year != valeurs["annee_acquisition"]
    ):
        valeurs["date_acquisition"] = None  # une autre année seule remplace la date
    if valeurs["destination"] not in AVEC_BENEFICIAIRE:
        valeurs["beneficiaire"] = ""


def _plan(colonnes, *, deja_convertis=()) -> list[tuple]:
    """Pour chaque colonne : (relation ?, nom de la valeur, conversion vers la base ou None).
    Les colonnes de `deja_convertis` reçoivent une valeur déjà convertie (commune à un lot)."""
    ops = connection.ops
    plan = []
    for champ in colonnes:
        interne = champ.get_internal_type()
        adapter = None
        if champ.name in deja_convertis:
            pass
        elif interne == "DateTimeField":
            adapter = ops.adapt_datetimefield_value
        elif interne == "DateField":
            adapter = ops.adapt_datefield_value
        elif interne == "DecimalField":
            adapter = _vers_decimal(champ)
        elif interne == "JSONField":
            adapter = _vers_json(champ)
        plan.append((champ.is_relation, champ.name, champ.attname, adapter))
    return plan


def _vers_decimal(champ):
    def adapter(valeur):
        return connection.ops.adapt_decimalfield_value(
            valeur, champ.max_digits, champ.decimal_places
        )

    return adapter


def _vers_json(champ):
    def adapter(valeur):
        return champ.get_db_prep_save(valeur, connection)

    return adapter


def _rangee(valeurs: dict, plan: list[tuple]) -> list:
    rangee = []
    for relation, nom, attname, adapter in plan:
        if relation:
            valeur = valeurs.get(attname, valeurs.get(nom))
            if valeur is not None and not isinstance(valeur, int):
                valeur = valeur.pk
        else:
            valeur = valeurs[nom]
            if adapter is not None and valeur is not None:
                valeur = adapter(valeur)
        rangee.append(valeur)
    return rangee


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
