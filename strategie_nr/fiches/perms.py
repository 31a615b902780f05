"""Qui peut faire quoi sur les fiches et la feuille de route."""

from collectivites.perms import peut_contribuer, peut_lire, peut_valider_feuille_de_route

__all__ = [
    "peut_lire",
    "peut_contribuer",
    "peut_modifier_fiche",
    "peut_soumettre",
    "peut_valider_feuille_de_route",
    "peut_commenter",
]


def peut_modifier_fiche(membre, fiche) -> bool:
    """Le référent modifie toutes les fiches ; un agent, celles dont il est responsable."""
    return peut_contribuer(membre) and (membre.est_referent or fiche.responsable_id == membre.pk)


def peut_soumettre(membre) -> bool:
    return peut_contribuer(membre)


def peut_commenter(membre) -> bool:
    """Agents et référents écrivent dans la discussion d'une fiche ; les élus la lisent (ils
    ne changent rien : leurs remarques passent par le COPIL)."""
    return peut_contribuer(membre)
