"""Ce que montre le graphique d'une ligne de la comparaison : les quartiles de chaque groupe
et la valeur de la collectivité, dessinés par le moteur commun
(`strategie_nr.plateforme.graphiques.boites`) ; le tableau à côté donne les mêmes chiffres."""

from decimal import Decimal

from django.utils.safestring import SafeString

from strategie_nr.plateforme import formats
from strategie_nr.plateforme.graphiques import boites

LIBELLES_COURTS = {0: "Toutes", 1: "Même nature", 2: "Même pop.", 3: "Nature et pop."}
DESCRIPTION = (
    "Pour chaque groupe, boîte du premier au troisième quartile et trait de la médiane ; "
    "ligne rouge : la valeur de votre collectivité. Les chiffres sont dans le tableau."
)


def echelle(unite: str, code: str, nombres: list[Decimal]) -> tuple[Decimal, Decimal]:
    """Bornes de l'axe : 1 à 5 pour la maturité, 0 à 100 pour un pourcentage, sinon de 0 au
    plus grand des nombres montrés (quartiles et valeur de la collectivité), plus 10 %."""
    if code.startswith("maturite."):
        return Decimal(1), Decimal(5)
    if unite == "%":
        return Decimal(0), Decimal(100)
    haut = max(nombres, default=Decimal(1)) * Decimal("1.1")
    return Decimal(0), haut if haut > 0 else Decimal(1)


def boites_svg(*, titre: str, unite: str, code: str, groupes: list, valeur) -> SafeString:
    """`groupes` : [(rang du groupe 0 à 3, q1, médiane, q3)] ; `valeur` : celle de la
    collectivité ou None."""
    nombres = [n for _r, *q in groupes for n in q] + ([valeur] if valeur is not None else [])
    bas, haut = echelle(unite, code, nombres)
    return boites(
        identifiant="boites-" + code.replace(".", "-").replace("_", "-"),
        titre=titre,
        description=DESCRIPTION,
        groupes=[(LIBELLES_COURTS[rang], *quartiles) for rang, *quartiles in groupes],
        repere=valeur,
        bornes=(bas, haut),
        etiquettes=(_nombre(bas), _nombre(haut)),
    )


def _nombre(valeur: Decimal) -> str:
    return formats.nombre(valeur, 0 if valeur >= 10 else 1)
