"""Qui peut faire quoi dans sa collectivité : de petits prédicats sur l'adhésion."""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied

from .enums import Role


def peut_lire(membre) -> bool:
    return membre is not None and membre.actif


def peut_contribuer(membre) -> bool:
    """Agents et référents saisissent ; les élus lisent seulement."""
    return peut_lire(membre) and membre.role in (Role.AGENT, Role.REFERENT)


def peut_gerer_membres(membre) -> bool:
    return peut_lire(membre) and membre.role == Role.REFERENT


def peut_modifier_collectivite(membre) -> bool:
    return peut_lire(membre) and membre.role == Role.REFERENT


def peut_valider_feuille_de_route(membre) -> bool:
    return peut_lire(membre) and membre.role == Role.REFERENT


class MembreRequisMixin(AccessMixin):
    """Exige un membre actif de la collectivité courante, et la permission `permission`.

    Un anonyme est renvoyé vers la connexion ; un membre sans le droit reçoit une 403.
    Les objets se cherchent ensuite dans `self.collectivite` : ceux d'une autre
    collectivité donnent une 404.
    """

    permission = staticmethod(peut_lire)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.membre is None:
            raise PermissionDenied("Vous n'êtes membre d'aucune collectivité.")
        if not self.permission(request.membre):
            raise PermissionDenied("Votre rôle ne permet pas cette action.")
        self.membre = request.membre
        self.collectivite = request.collectivite
        return super().dispatch(request, *args, **kwargs)
