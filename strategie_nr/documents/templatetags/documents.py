"""Typographie française des documents imprimés : montants, nombres, années, dates."""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats

register = template.Library()

ESPACE_FINE = "\u202f"  # séparateur des milliers et avant « % »
ESPACE_INSECABLE = "\u00a0"  # avant « € » et entre le nombre et son unité


def nombre_fr(valeur, decimales: int | None = None) -> str:
    """1234.5 → « 1 234,5 » (espace fine insécable) ; les zéros inutiles sont retirés."""
    if valeur in (None, ""):
        return "—"
    try:
        nombre = Decimal(str(valeur))
    except InvalidOperation:
        return str(valeur)
    if decimales is not None:
        nombre = nombre.quantize(Decimal(1).scaleb(-decimales))
    elif nombre == nombre.to_integral_value():
        nombre = nombre.quantize(Decimal(1))
    else:
        nombre = nombre.normalize()
    signe = "−" if nombre < 0 else ""
    entier, _, fraction = f"{abs(nombre):f}".partition(".")
    groupes = []
    while len(entier) > 3:
        groupes.insert(0, entier[-3:])
        entier = entier[:-3]
    groupes.insert(0, entier)
    texte = ESPACE_FINE.join(groupes)
    return signe + texte + ("," + fraction if fraction else "")


@register.filter
def nombre(valeur, decimales=None):
    return nombre_fr(valeur, None if decimales in (None, "") else int(decimales))


@register.filter
def euros(valeur):
    """Montant en euros : « 12 500 € » ; « — » quand il n'est pas saisi."""
    if valeur in (None, ""):
        return "—"
    return nombre_fr(valeur, None) + ESPACE_INSECABLE + "€"


@register.filter
def annee(valeur):
    """Une année ne prend jamais de séparateur de milliers : « 2026 », pas « 2 026 »."""
    return "—" if valeur in (None, "") else str(int(valeur))


@register.filter
def date_longue(valeur):
    """Date en toutes lettres : « 1er mars 2026 »."""
    if not valeur:
        return "—"
    if isinstance(valeur, datetime.datetime):
        valeur = valeur.date()
    jour = "1er" if valeur.day == 1 else str(valeur.day)
    return f"{jour} {formats.date_format(valeur, 'F')} {valeur.year}"


@register.filter
def mois_annee(valeur):
    """« mars 2026 »."""
    if not valeur:
        return "—"
    return f"{formats.date_format(valeur, 'F')} {valeur.year}"
