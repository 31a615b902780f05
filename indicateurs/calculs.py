"""Registre des indicateurs calculés à partir des données d'une collectivité.

Un domaine (le parc, par exemple) déclare ses indicateurs calculés en appelant `enregistrer`
depuis le `ready()` de son application ; le domaine des indicateurs les propose ensuite au suivi
et en calcule les valeurs annuelles.

Une valeur par chiffre : un indicateur que le domaine sait calculer est calculé pour chaque
année close que ce domaine couvre (`couverture`), y compris quand la collectivité le suit sous
un indicateur du référentiel qui mesure la même chose (`equivalents`, des clés du
référentiel). Une valeur saisie pour une telle année est gardée et montrée comme « déclarée » ;
la valeur retenue est la calculée, et un écart au-delà de `TOLERANCE` est à résoudre. Pour
une année que le domaine ne couvre pas (avant l'inventaire), la valeur déclarée est retenue.
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
    precision: int = 1  # décimales affichées : 0 pour un compte, 2 pour un ratio par agent
    methode: str = ""  # la note « Méthode » montrée à côté du chiffre
    equivalents: tuple[str, ...] = ()  # clés du référentiel qui mesurent le même chiffre
    # couverture(collectivite=…) -> première année que les données du domaine couvrent, ou None
    couverture: Callable[..., int | None] | None = None
    source: str = "calculé depuis l'inventaire"


REGISTRE: dict[str, IndicateurCalcule] = {}
PAR_EQUIVALENT: dict[str, IndicateurCalcule] = {}
# Écart relatif entre valeur déclarée et valeur calculée au-delà duquel il faut trancher.
TOLERANCE = Decimal("0.05")


def enregistrer(indicateur: IndicateurCalcule) -> None:
    REGISTRE[indicateur.code] = indicateur
    for cle in indicateur.equivalents:
        PAR_EQUIVALENT[cle] = indicateur


def calcul_de(definition) -> IndicateurCalcule | None:
    """Le calcul qui donne les valeurs de cette définition : le sien, ou celui dont elle est
    l'équivalent dans le référentiel ; None si elle ne se calcule pas."""
    if definition.code_calcul:
        return REGISTRE.get(definition.code_calcul)
    return PAR_EQUIVALENT.get(definition.cle) if definition.cle else None


def ecart_a_resoudre(declaree: Decimal, calculee: Decimal, precision: int = 0) -> bool:
    """Vrai si la valeur déclarée s'écarte de la calculée de plus de `TOLERANCE` (relatif) et
    de plus d'une demi-unité de la dernière décimale affichée."""
    ecart = abs(declaree - calculee)
    return ecart > Decimal(5).scaleb(-precision - 1) and ecart > TOLERANCE * abs(calculee)


def preparer(collectivite, codes, annees) -> None:
    """Prépare le calcul de ces indicateurs sur ces années : une fois par domaine."""
    faits = set()
    for code in codes:
        indicateur = REGISTRE.get(code)
        if indicateur is None or indicateur.preparer is None or indicateur.preparer in faits:
            continue
        indicateur.preparer(collectivite=collectivite, annees=list(annees))
        faits.add(indicateur.preparer)
