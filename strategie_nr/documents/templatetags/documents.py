"""Typographie française des documents imprimés : filtres sur le formateur unique
(`strategie_nr.plateforme.formats`)."""

from django import template

from strategie_nr.plateforme import formats

register = template.Library()


def nombre_fr(valeur, decimales: int | None = None) -> str:
    """1234.5 → « 1 234,5 » (espace fine insécable) ; les zéros inutiles sont retirés."""
    return formats.nombre(valeur, decimales)


@register.filter
def nombre(valeur, decimales=None):
    return formats.nombre(valeur, None if decimales in (None, "") else int(decimales))


@register.filter
def euros(valeur):
    """Montant en euros : « 12 500 € » ; « — » quand il n'est pas saisi."""
    return formats.montant(valeur)


@register.filter
def annee(valeur):
    """Une année ne prend jamais de séparateur de milliers : « 2026 », pas « 2 026 »."""
    return formats.annee(valeur)


@register.filter
def date_longue(valeur):
    """Date en toutes lettres : « 1er mars 2026 »."""
    return formats.date_longue(valeur)


@register.filter
def date_courte(valeur):
    """« 31/12/2025 »."""
    return formats.date_courte(valeur)


@register.filter
def mois_annee(valeur):
    """« mars 2026 »."""
    return formats.mois_annee(valeur)


@register.simple_tag
def periode_mois(debut, fin):
    """« de mars 2025 à juin 2026 », « d'avril 2025 à octobre 2025 »."""
    return formats.periode_mois(debut, fin)
