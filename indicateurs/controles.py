"""Contrôles des étapes 4 et 5 pour le tableau de bord."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from strategie_nr.etapes import Controle

from .models import IndicateurSuivi, Objectif, Valeur


def controles_objectifs(collectivite) -> list[Controle]:
    objectifs = Objectif.objects.for_collectivite(collectivite).aggregate(
        tous=Count("pk"), chiffres=Count("pk", filter=Q(suivi__isnull=False))
    )
    url = reverse("indicateurs:index") + "#objectifs"
    return [
        Controle("Des objectifs sont fixés", objectifs["tous"] > 0, url),
        Controle(
            "Au moins un objectif est chiffré par un indicateur", objectifs["chiffres"] > 0, url
        ),
    ]


def controles_suivi(collectivite) -> list[Controle]:
    avec_valeur = (
        IndicateurSuivi.objects.for_collectivite(collectivite)
        .filter(Q(definition__mode="calcule") | Exists(Valeur.objects.filter(suivi=OuterRef("pk"))))
        .exists()
    )
    return [
        Controle(
            "Des indicateurs de suivi sont renseignés", avec_valeur, reverse("indicateurs:index")
        )
    ]
