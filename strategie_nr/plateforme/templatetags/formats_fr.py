"""Les nombres et montants des gabarits, pages comme PDF : filtres sur le formateur unique
(`strategie_nr.plateforme.formats`), « 1 234,5 » et « 12 500 € »."""

from django import template

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
