"""Courriels en texte brut, envoyés par un processus de tâches.

Le texte est rendu sans échappement HTML (« Communauté d'agglomération », pas
« Communauté d&#x27;agglomération ») par le moteur de gabarits `texte`. L'envoi est une tâche :
un serveur de messagerie lent ou en panne ne retient aucune requête, et un envoi en échec est
réessayé avant d'être journalisé. Le courriel d'une invitation tient l'invitation au courant :
envoyée, ou non envoyée après tous les essais (le référent la voit et peut la renvoyer).
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template import engines
from django.utils import timezone
from django_tasks import task

from .enums import EnvoiInvitation
from .models import Invitation

logger = logging.getLogger(__name__)


def texte_brut(gabarit: str, contexte: dict) -> str:
    return engines["texte"].get_template(gabarit).render(contexte)


def _invitation_noter(invitation: int | None, envoi: str) -> None:
    if invitation is not None:
        Invitation.objects.filter(pk=invitation).update(envoi=envoi)


@task()
def envoyer_courriel(
    sujet: str,
    corps: str,
    destinataires: list[str],
    essai: int = 1,
    invitation: int | None = None,
) -> None:
    try:
        send_mail(subject=sujet, message=corps, from_email=None, recipient_list=destinataires)
    except OSError:  # smtplib.SMTPException en dérive, comme les refus de connexion.
        if essai >= settings.TRAVAUX_TENTATIVES_MAX:
            logger.exception("Courriel « %s » non envoyé après %s essais", sujet, essai)
            _invitation_noter(invitation, EnvoiInvitation.ECHOUE)
            raise
        logger.warning("Courriel « %s » : essai %s en échec, nouvel essai prévu", sujet, essai)
        delai = datetime.timedelta(seconds=settings.TRAVAUX_DELAI_REPRISE * essai)
        envoyer_courriel.using(run_after=timezone.now() + delai).enqueue(
            sujet, corps, destinataires, essai + 1, invitation
        )
    else:
        _invitation_noter(invitation, EnvoiInvitation.ENVOYEE)


def courriel_envoyer(
    *,
    sujet: str,
    gabarit: str,
    contexte: dict,
    destinataires: list[str],
    invitation: int | None = None,
):
    """Rend le courriel maintenant et le confie aux processus de tâches une fois la transaction
    en cours validée : une opération annulée n'annonce rien à personne. `invitation` : la clé
    de l'invitation dont ce courriel porte le lien (son état d'envoi suit celui du courriel)."""
    destinataires = sorted({d for d in destinataires if d})
    if not destinataires:
        return
    sujet = " ".join(sujet.split())
    corps = texte_brut(gabarit, contexte)
    transaction.on_commit(
        lambda: envoyer_courriel.enqueue(sujet, corps, destinataires, 1, invitation)
    )
