"""La tâche qui exécute un travail, dans un processus `manage.py db_worker`.

Un échec imprévu est réessayé (jusqu'à `TRAVAUX_TENTATIVES_MAX` fois, avec un délai croissant) ;
une erreur de saisie (ValidationError) ne l'est pas. Un travail échoué garde un message en
français que voit la personne qui l'a demandé ; rien de ce qu'elle a transmis n'est perdu.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .enums import StatutTravail
from .models import Travail
from .registre import executant_de

logger = logging.getLogger(__name__)

MESSAGE_ECHEC = (
    "La production a échoué après {n} essais. Réessayez plus tard ; si l'échec se répète, "
    "signalez-le à l'administrateur de la plateforme."
)


def travail_planifier(travail: Travail, *, delai_secondes: int = 0) -> None:
    """Met le travail dans la file des tâches une fois la transaction en cours validée."""
    tache = executer_travail
    if delai_secondes:
        tache = tache.using(run_after=timezone.now() + datetime.timedelta(seconds=delai_secondes))
    identifiant = str(travail.pk)
    transaction.on_commit(lambda: tache.enqueue(identifiant))


def _prendre(identifiant: str) -> Travail | None:
    with transaction.atomic():
        travail = (
            Travail.objects.select_for_update()
            .filter(pk=identifiant, statut=StatutTravail.EN_ATTENTE)
            .first()
        )
        if travail is None:  # déjà fait, ou pris par un autre processus
            return None
        travail.statut = StatutTravail.EN_COURS
        travail.tentatives += 1
        travail.commence_le = timezone.now()
        travail.message = ""
        travail.save(update_fields=["statut", "tentatives", "commence_le", "message"])
    return travail


def _terminer(travail: Travail, **champs) -> None:
    for nom, valeur in champs.items():
        setattr(travail, nom, valeur)
    travail.termine_le = timezone.now()
    travail.full_clean(exclude=["collectivite", "demandeur"])
    travail.save()


def travail_executer(identifiant: str) -> None:
    travail = _prendre(identifiant)
    if travail is None:
        return
    try:
        resultat = executant_de(travail.nature).executer(travail)
    except ValidationError as erreur:
        _terminer(travail, statut=StatutTravail.ECHOUE, message=" ".join(erreur.messages))
        return
    except Exception:
        logger.exception("Travail %s (%s) en échec", travail.pk, travail.nature)
        if travail.tentatives < settings.TRAVAUX_TENTATIVES_MAX:
            with transaction.atomic():
                travail.statut = StatutTravail.EN_ATTENTE
                travail.message = "Un essai a échoué ; un nouvel essai est prévu."
                travail.save(update_fields=["statut", "message"])
                travail_planifier(
                    travail, delai_secondes=settings.TRAVAUX_DELAI_REPRISE * travail.tentatives
                )
            return
        _terminer(
            travail,
            statut=StatutTravail.ECHOUE,
            message=MESSAGE_ECHEC.format(n=travail.tentatives),
        )
        raise
    _terminer(
        travail,
        statut=StatutTravail.TERMINE,
        contenu=resultat.contenu,
        nom_fichier=resultat.nom_fichier,
        type_contenu=resultat.type_contenu,
        lien_resultat=resultat.lien,
        message=resultat.message,
        source="",
    )


@task()
def executer_travail(identifiant: str) -> None:
    travail_executer(identifiant)
