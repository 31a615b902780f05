"""Les nombres, montants, années et dates des gabarits, pages comme PDF : filtres sur le
formateur unique (`strategie_nr.plateforme.formats`), « 1 234,5 », « 12 500 € », « 2026 »,
« 31/12/2025 », « 1er mars 2026 », « mars 2026 ». Un domaine n'en écrit pas d'autres."""

import datetime

from django import template
from django.utils import timezone

from strategie_nr.plateforme import formats

register = template.Library()


@register.filter
def nombre(valeur, decimales=None) -> str:
    """« 1 234,5 » (espace fine insécable, zéros inutiles retirés) ; `|nombre:1` arrondit à une
    décimale ; « — » quand il n'y a rien."""
    return formats.nombre(valeur, None if decimales in (None, "") else int(decimales))


@register.filter
def euros(valeur) -> str:
    """Montant en euros : « 12 500 € », « 1 234,5 € » ; « — » quand il n'est pas saisi."""
    return formats.montant(valeur)


@register.filter
def annee(valeur) -> str:
    """Une année ne prend jamais de séparateur de milliers : « 2026 », pas « 2 026 »."""
    return formats.annee(valeur)


def _jour_local(valeur):
    """Une date et heure se lit au jour de la France (23 h 30 UTC le 31 est le 1er à Paris)."""
    if isinstance(valeur, datetime.datetime) and timezone.is_aware(valeur):
        return timezone.localtime(valeur)
    return valeur


@register.filter
def date_courte(valeur) -> str:
    """« 31/12/2025 »."""
    return formats.date_courte(_jour_local(valeur))


@register.filter
def date_longue(valeur) -> str:
    """Date en toutes lettres : « 1er mars 2026 »."""
    return formats.date_longue(_jour_local(valeur))


@register.filter
def mois_annee(valeur) -> str:
    """« mars 2026 »."""
    return formats.mois_annee(valeur)


@register.simple_tag
def periode_mois(debut, fin) -> str:
    """« de mars 2025 à juin 2026 », « d'avril 2025 à octobre 2025 »."""
    return formats.periode_mois(debut, fin)
