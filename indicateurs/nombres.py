"""Nombres à la française : lecture de ce que tapent les agents, affichage, bornes par unité."""

import re
from decimal import Decimal

from strategie_nr.plateforme import formats, nombres

from .enums import Unite

LIMITE = Decimal("1e11")


class NombreInvalide(ValueError):
    pass


# Des chiffres séparés par des espaces ne sont des milliers que groupés par trois : « 1 32 »
# est ambigu (« 132 » ? « 1,32 » ? deux nombres ?) et refusé plutôt que lu 132.
GROUPES_AMBIGUS = re.compile(r"\d[\s\u00a0\u202f']+(?!\d{3}(?!\d))\d")


def lire_nombre(texte: str) -> Decimal:
    """« 1 234,5 » → 1234.5 ; « 12 % » → 12 ; « 1.234,5 » → 1234.5 ; « 12.5 » → 12.5.

    La lecture est celle de tout le projet (`strategie_nr.plateforme.nombres.lire_nombre`) ;
    seuls les messages sont ceux d'un champ de saisie.
    """
    if GROUPES_AMBIGUS.search(str(texte or "").split(",")[0]):
        raise NombreInvalide(
            "Nombre ambigu : les espaces ne séparent que les milliers, par groupes de trois "
            "chiffres (« 1 320 », « 132 » ou « 1,32 »)."
        )
    try:
        valeur = nombres.lire_nombre(texte, limite=Decimal(10) ** 30)
    except nombres.NombreInvalide as erreur:
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
    """1234.5 en % avec 1 décimale → « 1 234,5 % » (voir `strategie_nr.plateforme.formats`)."""
    return formats.valeur(valeur, unite, precision)


def saisie(valeur: Decimal | None, unite: str) -> str:
    """La valeur telle qu'on la réaffiche dans un champ : « 1234,5 », « oui »."""
    if valeur is None:
        return ""
    if unite == Unite.OUI_NON:
        return "oui" if valeur else "non"
    return f"{Decimal(valeur).normalize():f}".replace(".", ",")
