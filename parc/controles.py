"""Contrôle de l'étape 3 (inventaire quantitatif) pour le tableau de bord."""

from django.urls import reverse

from strategie_nr.etapes import Controle

from .models import Equipement


def controles_parc(collectivite) -> list[Controle]:
    return [
        Controle(
            "L'inventaire du parc informatique est saisi",
            Equipement.objects.for_collectivite(collectivite).exists(),
            reverse("parc:index"),
        )
    ]
