"""Typographie française des documents imprimés : filtres sur le formateur unique
(`strategie_nr.plateforme.formats`) ; les nombres et montants sont ceux de `formats_fr`."""

from django import template

from strategie_nr.plateforme import formats

register = template.Library()


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
