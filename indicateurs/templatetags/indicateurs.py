from django import template

from indicateurs.nombres import afficher
from indicateurs.selectors import libelle_annee

register = template.Library()


@register.filter
def valeur_de(valeur, definition) -> str:
    """Une valeur dans l'unité et la précision de l'indicateur : « 1 234,5 % »."""
    return afficher(valeur, definition.unite, definition.precision)


@register.filter
def valeur_de_unite(valeur, unite: str) -> str:
    """Une valeur dans une unité donnée (code d'unité) : entiers tels quels, sinon une décimale,
    deux pour les petites valeurs (« 0,03 » imprimante par agent)."""
    if valeur is None:
        return afficher(None, unite)
    if valeur == int(valeur) and unite == "nombre":
        return afficher(valeur, unite, 0)
    return afficher(valeur, unite, 2 if abs(valeur) < 1 else 1)


@register.filter
def annee_libellee(annee) -> str:
    """« 2025 », ou « 2026 (année en cours, provisoire) »."""
    return libelle_annee(int(annee))
