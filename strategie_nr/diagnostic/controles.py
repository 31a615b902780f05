"""Contrôle de l'étape 3 (diagnostic) pour le tableau de bord."""

from django.db.models import Exists, OuterRef
from django.urls import reverse

from strategie_nr.selectors import Controle

from .models import Campagne, ReponseConsolidee


def controles_diagnostic(collectivite) -> list[Controle]:
    consolidee = (
        Campagne.objects.for_collectivite(collectivite)
        .filter(Exists(ReponseConsolidee.objects.filter(campagne=OuterRef("pk"))))
        .exists()
    )
    return [
        Controle(
            "Un diagnostic de maturité a été consolidé",
            consolidee,
            reverse("diagnostic:index"),
        )
    ]
