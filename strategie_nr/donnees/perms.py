"""Qui choisit ce que la collectivité publie : le référent."""

from collectivites.enums import Role
from collectivites.perms import peut_lire


def peut_publier(membre) -> bool:
    return peut_lire(membre) and membre.role == Role.REFERENT
