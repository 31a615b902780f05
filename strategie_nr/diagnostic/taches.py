"""Tâche du diagnostic pour « Mes tâches » : le questionnaire de la campagne ouverte."""

from django.db.models import Q
from django.urls import reverse

from strategie_nr.taches import Tache

from .models import Campagne, Question, Reponse


def taches_diagnostic(membre, aujourdhui) -> list[Tache]:
    campagne = Campagne.objects.for_collectivite(membre.collectivite_id).ouvertes().first()
    if campagne is None:
        return []
    total = Question.objects.count()
    repondues = (
        Reponse.objects.filter(campagne=campagne, membre=membre)
        .filter(Q(niveau__isnull=False) | Q(non_concerne=True))
        .count()
    )
    if repondues >= total:
        return []
    return [
        Tache(
            f"Répondre au questionnaire « {campagne.titre} »",
            reverse("diagnostic:questionnaire", kwargs={"pk": campagne.pk}),
            f"{repondues} sur {total} questions répondues",
        )
    ]
