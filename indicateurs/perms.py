"""Qui peut faire quoi sur les indicateurs."""

from collectivites.perms import peut_contribuer, peut_lire, peut_valider_feuille_de_route

peut_voir = peut_lire
peut_piloter = peut_valider_feuille_de_route  # choisir les indicateurs, objectifs : le référent


def peut_modifier_suivi(membre, suivi) -> bool:
    """Le référent modifie tous les indicateurs ; un agent, ceux dont il est responsable."""
    if peut_piloter(membre):
        return True
    return peut_contribuer(membre) and suivi.responsable_id == membre.pk
