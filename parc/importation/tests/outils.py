"""Fichiers d'inventaire fabriqués pour les tests de l'import."""

import csv
import io
import json

from parc.importation.lecture import Choix
from parc.importation.services import DOSSIER_EXEMPLES
from parc.services import FICHIER_TYPES

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


def choix_hors_base(listes=None) -> Choix:
    """Les synonymes de l'import sans base de données : ceux du code, plus ceux des types du
    référentiel tels que les charge `charger_referentiel` (fichier `types_equipement.json`)."""
    choix = Choix.avec_synonymes(listes)
    with FICHIER_TYPES.open(encoding="utf-8") as fichier:
        for type_ in json.load(fichier)["types"]:
            for texte in [type_["libelle"], *type_.get("synonymes", [])]:
                choix.ajouter("type", texte, type_["code"])
    return choix
