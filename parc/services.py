import json
from decimal import Decimal
from pathlib import Path

from .models import TypeEquipement

FICHIER_TYPES = Path(__file__).resolve().parent / "types_equipement.json"


def types_equipement_charger(*, enregistrer, bilan, mettre_a_jour: bool = False) -> None:
    """Charge les types d'équipement du référentiel (appelé par `charger_referentiel`)."""
    with FICHIER_TYPES.open(encoding="utf-8") as fichier:
        donnees = json.load(fichier)
    for type_ in donnees["types"]:
        enregistrer(
            TypeEquipement,
            bilan,
            mettre_a_jour=mettre_a_jour,
            code=type_["code"],
            defaults={
                "libelle": type_["libelle"],
                "duree_vie_defaut_annees": Decimal(type_["duree_vie_annees"]),
                "ordre": type_["ordre"],
            },
        )
