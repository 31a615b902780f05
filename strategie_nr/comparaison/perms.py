"""Qui voit la comparaison, qui décide d'y participer."""

from collectivites.perms import peut_lire, peut_modifier_collectivite


def peut_voir_comparaison(membre) -> bool:
    """Tout membre actif (élus compris) : la page ne montre que des statistiques anonymes."""
    return peut_lire(membre)


def peut_choisir_participation(membre) -> bool:
    """Le référent, comme pour les autres réglages de la collectivité."""
    return peut_modifier_collectivite(membre)
