"""Tâches des indicateurs pour « Mes tâches » : les valeurs de la dernière année close."""

from django.urls import reverse

from strategie_nr.taches import Tache

from .enums import Mode
from .models import IndicateurSuivi


def taches_indicateurs(membre, aujourdhui) -> list[Tache]:
    annee = aujourdhui.year - 1
    suivis = (
        IndicateurSuivi.objects.for_collectivite(membre.collectivite_id)
        .filter(responsable=membre, definition__mode=Mode.SAISI)
        .exclude(valeurs__annee=annee)
        .select_related("definition")
        .order_by("definition__libelle")
    )
    return [
        Tache(
            f"Saisir la valeur {annee} de « {suivi.definition.libelle[:120]} »",
            reverse("indicateurs:valeur", kwargs={"pk": suivi.pk}) + f"?annee={annee}",
            "Indicateur dont vous êtes responsable",
        )
        for suivi in suivis
    ]
