"""Export du parc filtré, en CSV (tableur français) et XLSX ; relisible par l'import.

Les en-têtes sont ceux que l'import reconnaît : un export peut être corrigé puis réimporté.
"""

import csv
import io

from strategie_nr.plateforme import formats
from strategie_nr.plateforme.tableurs import Colonne, classeur_xlsx, neutraliser

COLONNES = [
    "Type",
    "Nom",
    "Marque",
    "Modèle",
    "Numéro de série",
    "Numéro d'inventaire",
    "Quantité",
    "Date d'acquisition",
    "Année d'acquisition",
    "Prix d'achat HT",
    "Origine",
    "Statut",
    "Service",
    "Site",
    "Mutualisé",
    "Poids (kg)",
    "Date de fin d'usage",
    "Destination",
    "Bénéficiaire",
]


def _decimal(valeur, francais: bool):
    """CSV : le formateur commun des tableurs (« 1234,5 ») ; XLSX : un vrai nombre."""
    if valeur is None:
        return ""
    if francais:
        return formats.nombre_tableur(valeur)
    return float(valeur)


def _date(date, francais: bool):
    if not date:
        return ""
    return formats.date_courte(date) if francais else date


def ligne(equipement, *, francais: bool) -> list:
    # La colonne des dates ne contient que des dates (un tableur la trie et la met en forme) ;
    # une acquisition connue à l'année près est dans la colonne de l'année.
    acquisition = _date(equipement.date_acquisition, francais)
    return [
        equipement.type.libelle,
        equipement.nom,
        equipement.marque,
        equipement.modele,
        equipement.numero_serie,
        equipement.numero_inventaire,
        equipement.quantite,
        acquisition,
        equipement.annee_acquisition or "",
        _decimal(equipement.prix_achat_ht, francais),
        equipement.get_origine_display(),
        equipement.get_statut_display(),
        equipement.service,
        equipement.site,
        "oui" if equipement.mutualise else "non",
        _decimal(equipement.poids_kg, francais),
        _date(equipement.date_fin_usage, francais),
        equipement.get_destination_display() if equipement.destination else "",
        equipement.beneficiaire,
    ]


def csv_morceaux(equipements):
    """Le CSV par morceaux de 2 000 lignes (UTF-8 avec BOM) : servi en flux, sans jamais tenir
    tout le fichier en mémoire."""
    sortie = io.StringIO()
    sortie.write("\ufeff")
    ecrivain = csv.writer(sortie, delimiter=";")
    ecrivain.writerow(COLONNES)
    for rang, equipement in enumerate(equipements.iterator(chunk_size=2000), start=1):
        ecrivain.writerow([neutraliser(v) for v in ligne(equipement, francais=True)])
        if rang % 2000 == 0:
            yield sortie.getvalue().encode("utf-8")
            sortie.seek(0)
            sortie.truncate()
    yield sortie.getvalue().encode("utf-8")


FORMATS_XLSX = {
    "Date d'acquisition": "DD/MM/YYYY",
    "Date de fin d'usage": "DD/MM/YYYY",
    "Prix d'achat HT": '#,##0.00 "€"',
    "Année d'acquisition": "0",
}


def xlsx_octets(equipements) -> bytes:
    colonnes = [Colonne(c, format_nombre=FORMATS_XLSX.get(c, "")) for c in COLONNES]
    lignes = (ligne(e, francais=False) for e in equipements.iterator(chunk_size=2000))
    return classeur_xlsx([("Parc", colonnes, lignes)])


def declaration_agec_csv(lignes: list[dict], champs: list[str]) -> bytes:
    """La déclaration AGEC telle que le portail national l'attend : CSV UTF-8 sans BOM, virgule,
    point décimal, en-têtes du schéma."""
    sortie = io.StringIO()
    ecrivain = csv.DictWriter(sortie, fieldnames=champs, lineterminator="\r\n")
    ecrivain.writeheader()
    for ligne_ in lignes:
        ecrivain.writerow({cle: neutraliser(valeur) for cle, valeur in ligne_.items()})
    return sortie.getvalue().encode("utf-8")
