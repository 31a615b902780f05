"""Nombres à la française : lecture de ce que tapent les agents, affichage, bornes par unité."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .enums import Unite

ESPACES = re.compile(r"[\s\u00a0\u202f']")
SUFFIXES = ("%", "€", "eur", "euros", "kg", "tco2e", "t", "ans", "années", "an")
LIMITE = Decimal("1e11")


class NombreInvalide(ValueError):
    pass


# Des chiffres séparés par des espaces ne sont des milliers que groupés par trois : « 1 32 »
# est ambigu (« 132 » ? « 1,32 » ? deux nombres ?) et refusé plutôt que lu 132.
GROUPES_AMBIGUS = re.compile(r"\d[\s\u00a0\u202f']+(?!\d{3}(?!\d))\d")


def lire_nombre(texte: str) -> Decimal:
    """« 1 234,5 » → 1234.5 ; « 12 % » → 12 ; « 1.234,5 » → 1234.5 ; « 12.5 » → 12.5."""
    if GROUPES_AMBIGUS.search(str(texte or "").split(",")[0]):
        raise NombreInvalide(
            "Nombre ambigu : les espaces ne séparent que les milliers, par groupes de trois "
            "chiffres (« 1 320 », « 132 » ou « 1,32 »)."
        )
    brut = ESPACES.sub("", str(texte or "")).lower()
    for suffixe in SUFFIXES:
        if brut.endswith(suffixe) and len(brut) > len(suffixe):
            brut = brut[: -len(suffixe)]
            break
    if "," in brut:
        brut = brut.replace(".", "").replace(",", ".")
    elif brut.count(".") > 1:
        brut = brut.replace(".", "")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", brut):
        raise NombreInvalide("Saisissez un nombre, par exemple « 1 234,5 ».")
    try:
        valeur = Decimal(brut)
    except InvalidOperation as erreur:  # pragma: no cover — l'expression ci-dessus l'exclut
        raise NombreInvalide("Saisissez un nombre, par exemple « 1 234,5 ».") from erreur
    if abs(valeur) >= LIMITE:
        raise NombreInvalide("Ce nombre est trop grand pour être une valeur d'indicateur.")
    return valeur


def lire_valeur(texte: str, unite: str) -> Decimal:
    """Lit et vérifie une valeur selon l'unité de l'indicateur ; message clair sinon."""
    if unite == Unite.OUI_NON:
        reponse = str(texte or "").strip().lower()
        if reponse in ("oui", "o", "1", "vrai"):
            return Decimal(1)
        if reponse in ("non", "n", "0", "faux"):
            return Decimal(0)
        raise NombreInvalide("Répondez « oui » ou « non ».")
    valeur = lire_nombre(texte)
    if valeur != valeur.quantize(Decimal("0.0001")):
        raise NombreInvalide("Quatre décimales au plus.")
    if unite == Unite.POURCENTAGE and not (0 <= valeur <= 100):
        raise NombreInvalide("Un pourcentage est compris entre 0 et 100.")
    if valeur < 0:
        raise NombreInvalide("Cette valeur ne peut pas être négative.")
    return valeur


def afficher(valeur: Decimal | None, unite: str, precision: int = 0) -> str:
    """1234.5 en % avec 1 décimale → « 1 234,5 % » (espaces insécables)."""
    if valeur is None:
        return "—"
    if unite == Unite.OUI_NON:
        return "oui" if valeur else "non"
    arrondi = Decimal(valeur).quantize(Decimal(1).scaleb(-precision), ROUND_HALF_UP)
    entier, _, decimales = f"{abs(arrondi):f}".partition(".")
    groupes = []
    while len(entier) > 3:
        groupes.insert(0, entier[-3:])
        entier = entier[:-3]
    groupes.insert(0, entier)
    texte = "\u202f".join(groupes) + ("," + decimales if decimales else "")
    if arrondi < 0:
        texte = "-" + texte
    suffixe = {Unite.NOMBRE: "", Unite.ANNEES: " ans"}.get(unite, f" {Unite(unite).label}")
    return (texte + suffixe).replace(" ", "\u00a0")


def saisie(valeur: Decimal | None, unite: str) -> str:
    """La valeur telle qu'on la réaffiche dans un champ : « 1234,5 », « oui »."""
    if valeur is None:
        return ""
    if unite == Unite.OUI_NON:
        return "oui" if valeur else "non"
    return f"{Decimal(valeur).normalize():f}".replace(".", ",")
