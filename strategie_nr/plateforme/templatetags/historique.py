"""Affichage des valeurs de l'historique commun, toutes par `strategie_nr.plateforme.formats`."""

from decimal import Decimal

from django import template
from django.utils import timezone

from strategie_nr.plateforme import formats
from strategie_nr.plateforme.enums import NatureValeur

register = template.Library()


@register.filter
def valeur_historique(changement: dict, cote: str) -> str:
    """La valeur `cote` (« avant » ou « apres ») d'un changement, à la française : « 1 234,5 »,
    « 12 500 € », « 16,7 % », « 2026 », « 15 mars 2026 », « oui » ; « (vide) » sans valeur."""
    valeur = changement.get(cote)
    if valeur is None or valeur == "":
        return "(vide)"
    nature = changement.get("nature")
    if nature == NatureValeur.BOOLEEN:
        return "oui" if valeur else "non"
    if nature == NatureValeur.DATE:
        return formats.date_longue(valeur)
    if nature == NatureValeur.NOMBRE:
        if changement.get("unite"):
            return formats.valeur(Decimal(valeur), changement["unite"], changement.get("decimales"))
        return formats.nombre(valeur)
    if nature == NatureValeur.MONTANT:
        return formats.montant(valeur)
    if nature == NatureValeur.ANNEE:
        return formats.annee(valeur)
    return str(valeur)


@register.filter
def moment_historique(valeur) -> str:
    """« 15 mars 2026 à 14:32 » (heure locale)."""
    local = timezone.localtime(valeur)
    return f"{formats.date_longue(local)} à {local:%H:%M}"
