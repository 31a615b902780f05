"""Écriture des lignes importées dans le parc, par lots, via le service du parc."""

from django.apps import apps
from django.db import connection

from .lecture import DateLue

STATUT_REFORME = "reforme"
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
    "destination_fin": "destination_fin",
    "beneficiaire": "beneficiaire",
}


def champs_de_date(cle: str, date: DateLue) -> dict:
    if cle == "date_acquisition":
        return {"date_acquisition": date.date}
    if cle == "date_fin_usage":
        return {"date_fin_usage": date.date}
    return {}


def equipement():
    return apps.get_model("parc", "Equipement")


def cles_existantes(collectivite) -> dict[str, dict[str, int]]:
    """N° de série et d'inventaire des équipements de la collectivité → pk (une requête)."""
    Equipement = equipement()
    cles = {"numero_serie": {}, "numero_inventaire": {}}
    for pk, serie, inventaire in Equipement.objects.for_collectivite(collectivite).values_list(
        "pk", "numero_serie", "numero_inventaire"
    ):
        if serie:
            cles["numero_serie"][serie] = pk
        if inventaire:
            cles["numero_inventaire"][inventaire] = pk
    return cles


def _mettre_a_jour(equipements: list, noms: list[str]) -> None:
    """Un UPDATE par équipement, envoyés d'un bloc (`executemany`).

    `bulk_update` de Django construit un CASE par champ en Python : dix fois plus lent ici.
    Les valeurs passent par `get_db_prep_save` de chaque champ, comme avec l'ORM.
    """
    Equipement = equipement()
    champs = [Equipement._meta.get_field(nom) for nom in noms]
    nom_sql = connection.ops.quote_name
    requete = (
        f"UPDATE {nom_sql(Equipement._meta.db_table)} SET "
        + ", ".join(f"{nom_sql(champ.column)} = %s" for champ in champs)
        + f" WHERE {nom_sql(Equipement._meta.pk.column)} = %s"
    )
    parametres = [
        [champ.get_db_prep_save(getattr(e, champ.attname), connection) for champ in champs] + [e.pk]
        for e in equipements
    ]
    with connection.cursor() as curseur:
        if connection.vendor == "postgresql":
            # Mille UPDATE par aller-retour vers le serveur, au lieu d'un.
            from psycopg2.extras import execute_batch

            execute_batch(curseur.cursor, requete, parametres, page_size=1_000)
        else:
            curseur.executemany(requete, parametres)


def nouvel_equipement(collectivite, champs: dict):
    return equipement()(collectivite=collectivite, **champs)


class Ecrivain:
    """Accumule les lignes valides et les écrit par lots de `TAILLE_LOT`."""

    def __init__(self, *, collectivite, auteur):
        self.collectivite = collectivite
        self.auteur = auteur
        self.a_creer: list[dict] = []
        self.a_modifier: dict[int, dict] = {}

    def ajouter(self, numero: int, champs: dict, pk: int | None) -> None:
        if pk is None:
            self.a_creer.append(champs)
        else:
            self.a_modifier[pk] = champs
        if len(self.a_creer) + len(self.a_modifier) >= TAILLE_LOT:
            self.vider()

    def vider(self) -> None:
        Equipement = equipement()
        if self.a_creer:
            Equipement.objects.bulk_create(
                [nouvel_equipement(self.collectivite, champs) for champs in self.a_creer]
            )
        if self.a_modifier:
            equipements = Equipement.objects.for_collectivite(self.collectivite).in_bulk(
                list(self.a_modifier)
            )
            modifies, noms = [], set()
            for pk, champs in self.a_modifier.items():
                existant = equipements[pk]
                changes = [
                    nom for nom, valeur in champs.items() if getattr(existant, nom) != valeur
                ]
                if not changes:
                    continue  # réimport du même fichier : rien à écrire
                for nom in changes:
                    setattr(existant, nom, champs[nom])
                modifies.append(existant)
                noms.update(changes)
            if modifies:
                _mettre_a_jour(modifies, sorted(noms))
        self.a_creer, self.a_modifier = [], {}

    def terminer(self) -> None:
        self.vider()
