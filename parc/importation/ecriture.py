"""Écriture des lignes importées dans le parc, par lots, via le service d'enregistrement en
masse du parc (qui tient l'historique de chaque équipement)."""

from django.db import connection
from django.utils import timezone

from collectivites.services import ServicesCanoniques
from parc.enums import AVEC_BENEFICIAIRE, Action
from parc.models import Equipement, EvenementEquipement, TypeEquipement
from parc.services import (
    CHAMPS_SUIVIS,
    differences,
    equipements_enregistrer_en_masse,
    instantane,
)

from .lecture import DateLue

TAILLE_LOT = 2_000

# Clé de lecture → champ de l'équipement (le type et les dates sont traités à part).
CHAMPS_EQUIPEMENT = {
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
# Ce qu'il faut savoir d'un équipement existant pour vérifier une mise à jour avant d'écrire.
# Champs réécrits lors d'une mise à jour (ceux que suit l'historique du parc).
CHAMPS_ECRITS = [*CHAMPS_SUIVIS, "statut_depuis", "modifie_le"]
ETAT = ["statut", "destination", "date_fin_usage", "date_acquisition", "annee_acquisition"]


def champs_de_date(cle: str, date: DateLue) -> dict:
    if cle == "date_fin_usage":
        return {"date_fin_usage": date.date}
    if date.annee_seule:
        return {"annee_acquisition": date.date.year}
    return {"date_acquisition": date.date, "annee_acquisition": date.date.year}


def cles_existantes(collectivite) -> dict:
    """N° de série et d'inventaire → pk, et l'état de chaque équipement (une requête)."""
    cles = {"numero_serie": {}, "numero_inventaire": {}, "etats": {}}
    for pk, serie, inventaire, *etat in Equipement.objects.for_collectivite(
        collectivite
    ).values_list("pk", "numero_serie", "numero_inventaire", *ETAT):
        if serie:
            cles["numero_serie"][serie] = pk
        if inventaire:
            cles["numero_inventaire"][inventaire] = pk
        cles["etats"][pk] = dict(zip(ETAT, etat, strict=True))
    return cles


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
        self.service_canonique = ServicesCanoniques(collectivite)
        self.a_creer: list[dict] = []
        self.a_modifier: dict[int, dict] = {}

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
        a_creer = []
        for champs in self.a_creer:
            equipement = Equipement(collectivite=self.collectivite, **champs)
            _completer(equipement)
            a_creer.append(equipement)
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
        if a_creer:
            equipements_enregistrer_en_masse(
                collectivite=self.collectivite, auteur=self.auteur, a_creer=a_creer, a_modifier=[]
            )
        if a_modifier:
            self._mettre_a_jour(a_modifier)
        self.a_creer, self.a_modifier = [], {}

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
