"""Fichiers d'inventaire fabriqués pour les tests de l'import."""

import csv
import io

from parc.importation.services import DOSSIER_EXEMPLES

ENTETES_GLPI = [
    "Nom",
    "Statut",
    "Fabricant",
    "Modèle",
    "Numéro de série",
    "Numéro d'inventaire",
    "Type",
    "Lieu",
    "Date d'achat",
]


def csv_glpi(lignes: list[list[str]], entetes=ENTETES_GLPI, encodage="cp1252") -> bytes:
    tampon = io.StringIO(newline="")
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(entetes)
    ecrivain.writerows(lignes)
    return tampon.getvalue().encode(encodage)


def ligne_glpi(n: int, **valeurs) -> list[str]:
    ligne = {
        "Nom": f"PC-{n:05d}",
        "Statut": "En service",
        "Fabricant": "Dell",
        "Modèle": "Latitude 5420",
        "Numéro de série": f"SN{n:06d}",
        "Numéro d'inventaire": f"INV-{n:06d}",
        "Type": "Portable",
        "Lieu": "Hôtel de ville",
        "Date d'achat": "31/12/2022",
    }
    ligne.update(valeurs)
    return [ligne[entete] for entete in ENTETES_GLPI]


def exemple(nom: str) -> bytes:
    return (DOSSIER_EXEMPLES / nom).read_bytes()
