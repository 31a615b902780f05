import datetime

from django import template
from django.utils import timezone

from strategie_nr.plateforme import formats

register = template.Library()


@register.filter
def valeur_publiee(valeur, unite: str) -> str:
    """Une valeur publiée dans son unité, au format français : « 16,7 % », « 58 », « oui »."""
    if valeur is None:
        return formats.VIDE
    if unite == "oui/non":
        return "oui" if valeur else "non"
    return formats.valeur(valeur, "" if unite == "nombre" else unite)


@register.filter
def date_courte(valeur) -> str:
    """« 31/12/2025 », le jour à l'heure de la France pour une date et heure."""
    if isinstance(valeur, datetime.datetime) and timezone.is_aware(valeur):
        valeur = timezone.localtime(valeur)
    return formats.date_courte(valeur)


@register.filter
def annee(valeur) -> str:
    """« 2026 », jamais « 2 026 »."""
    return formats.annee(valeur)
