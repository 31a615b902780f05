"""Qui peut faire quoi sur les fiches et la feuille de route."""

from collectivites.perms import peut_contribuer


def peut_modifier_fiche(membre, fiche) -> bool:
    """Le référent modifie toutes les fiches ; un agent, celles dont il est responsable."""
    return peut_contribuer(membre) and (membre.est_referent or fiche.responsable_id == membre.pk)


def peut_commenter(membre) -> bool:
    """Agents et référents écrivent dans la discussion d'une fiche ; les élus la lisent (ils
    ne changent rien : leurs remarques passent par le COPIL)."""
    return peut_contribuer(membre)
