from django import template

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
