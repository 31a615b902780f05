from django import template

from indicateurs.nombres import afficher

register = template.Library()


@register.filter
def valeur_de(valeur, definition) -> str:
    """Une valeur dans l'unité et la précision de l'indicateur : « 1 234,5 % »."""
    return afficher(valeur, definition.unite, definition.precision)
