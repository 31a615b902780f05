"""Les pièces d'un objet lues depuis la page qui l'affiche : les fiches et le programme de travail
n'importent pas les pièces (elles sont au-dessus d'eux dans les couches), leurs gabarits les
demandent ici."""

from django import template

from strategie_nr.pieces import selectors

register = template.Library()


@register.simple_tag
def pieces_du_programme(collectivite, membre):
    return selectors.pieces_du_programme(collectivite, membre)


@register.simple_tag
def pieces_de_version(collectivite, version, membre):
    return selectors.pieces_de_version(collectivite, version, membre) if version else []


@register.simple_tag
def pieces_de_fiche(collectivite, fiche, membre):
    return selectors.pieces_de_fiche(collectivite, fiche, membre)
