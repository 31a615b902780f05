"""Registre des indicateurs calculés à partir des données d'une collectivité.

Un domaine (le parc, par exemple) déclare ses indicateurs calculés en appelant `enregistrer`
depuis le `ready()` de son application ; le domaine des indicateurs les propose ensuite au suivi
et en calcule les valeurs annuelles.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class IndicateurCalcule:
    code: str  # stable, préfixé par le domaine : « parc.duree_vie_moyenne »
    libelle: str
    unite: str  # nombre, %, kg, t, tCO2e, €, années, oui/non
    sens: str  # « hausse » si une hausse est bonne, « baisse » sinon
    axe: int  # numéro de l'axe REEN (1 à 6)
    fonction: Callable[..., Decimal | None]  # fonction(collectivite=…, annee=…) -> valeur ou None
    description: str = ""
    # preparer(collectivite=…, annees=[…]) : charge en une fois ce dont `fonction` a besoin pour
    # ces années (facultatif : sans lui, chaque année se calcule seule).
    preparer: Callable[..., None] | None = None


REGISTRE: dict[str, IndicateurCalcule] = {}


def enregistrer(indicateur: IndicateurCalcule) -> None:
    REGISTRE[indicateur.code] = indicateur


def preparer(collectivite, codes, annees) -> None:
    """Prépare le calcul de ces indicateurs sur ces années : une fois par domaine."""
    faits = set()
    for code in codes:
        indicateur = REGISTRE.get(code)
        if indicateur is None or indicateur.preparer is None or indicateur.preparer in faits:
            continue
        indicateur.preparer(collectivite=collectivite, annees=list(annees))
        faits.add(indicateur.preparer)
