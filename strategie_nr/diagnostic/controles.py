"""Contrôle de l'étape 3 (diagnostic) pour le tableau de bord."""

from django.urls import reverse

from strategie_nr.etapes import Controle

from .models import Campagne


def controles_diagnostic(collectivite) -> list[Controle]:
    """Fait quand une campagne est close : ses résultats sont alors définitifs."""
    close = Campagne.objects.for_collectivite(collectivite).cloturees().exists()
    return [
        Controle(
            "Un diagnostic de maturité a été consolidé et clos",
            close,
            reverse("diagnostic:index"),
        )
    ]
