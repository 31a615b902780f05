import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .enums import Role
from .models import Invitation, Membre, Service


def adhesions_actives(utilisateur) -> list[Membre]:
    return list(
        Membre.objects.filter(utilisateur=utilisateur, actif=True)
        .select_related("collectivite")
        .order_by("collectivite__nom")
    )


def membres_de(collectivite):
    return (
        Membre.objects.for_collectivite(collectivite)
        .select_related("utilisateur")
        .order_by(
            "-actif", "utilisateur__last_name", "utilisateur__first_name", "utilisateur__email"
        )
    )


def invitations_en_attente(collectivite):
    return (
        Invitation.objects.for_collectivite(collectivite).en_attente().select_related("invite_par")
    )


def referents_actifs(collectivite):
    return Membre.objects.for_collectivite(collectivite).actifs().filter(role=Role.REFERENT)


def comptes_bloques(collectivite) -> set[str]:
    """Adresses e-mail des membres dont la connexion est bloquée (trop d'échecs récents), en
    une requête."""
    depuis = timezone.now() - datetime.timedelta(seconds=settings.CONNEXION_BLOCAGE_SECONDES)
    emails = Membre.objects.for_collectivite(collectivite).values("utilisateur__email")
    return set(
        AccessAttempt.objects.filter(
            Q(username__in=emails),
            attempt_time__gte=depuis,
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        ).values_list("username", flat=True)
    )


def noms_des_services(collectivite) -> list[str]:
    return list(Service.objects.for_collectivite(collectivite).values_list("nom", flat=True))
