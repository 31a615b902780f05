"""Export du parc filtré, en CSV (tableur français) et XLSX ; relisible par l'import.

Les en-têtes sont ceux que l'import reconnaît : un export peut être corrigé puis réimporté.
"""

import csv
import io

from strategie_nr.tableurs import neutraliser

COLONNES = [
    "Type",
    "Marque",
    "Modèle",
    "Numéro de série",
    "Numéro d'inventaire",
    "Quantité",
    "Date d'acquisition",
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
    if valeur is None:
        return ""
    if francais:
        return f"{valeur.normalize():f}".replace(".", ",")
    return float(valeur)


def ligne(equipement, *, francais: bool) -> list:
    date = equipement.date_acquisition
    acquisition = (
        (date.strftime("%d/%m/%Y") if francais else date)
        if date
        else (equipement.annee_acquisition or "")
    )
    fin = equipement.date_fin_usage
    return [
        equipement.type.libelle,
        equipement.marque,
        equipement.modele,
        equipement.numero_serie,
        equipement.numero_inventaire,
        equipement.quantite,
        acquisition,
        _decimal(equipement.prix_achat_ht, francais),
        equipement.get_origine_display(),
        equipement.get_statut_display(),
        equipement.service,
        equipement.site,
        "oui" if equipement.mutualise else "non",
        _decimal(equipement.poids_kg, francais),
        (fin.strftime("%d/%m/%Y") if francais else fin) if fin else "",
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


def csv_octets(equipements) -> bytes:
    return b"".join(csv_morceaux(equipements))


def xlsx_octets(equipements) -> bytes:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    classeur = openpyxl.Workbook(write_only=True)
    feuille = classeur.create_sheet("Parc")
    entetes = []
    for colonne in COLONNES:
        cellule = WriteOnlyCell(feuille, value=colonne)
        cellule.font = Font(bold=True)
        entetes.append(cellule)
    feuille.append(entetes)
    for equipement in equipements.iterator(chunk_size=2000):
        feuille.append([neutraliser(v) for v in ligne(equipement, francais=False)])
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()
