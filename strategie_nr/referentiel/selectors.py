from django.db.models import Prefetch

from .models import ActionExemple, Axe, Pratique


def axes_complets():
    return Axe.objects.prefetch_related(
        Prefetch("actions", queryset=ActionExemple.objects.order_by("ordre")),
        "indicateurs",
        "ressources",
        "retours_experience",
    )


def pratiques_filtrees(*, famille: str = "", priorite: str = "", difficulte: str = ""):
    pratiques = Pratique.objects.select_related("famille")
    if famille:
        pratiques = pratiques.filter(famille__code=famille)
    if priorite:
        pratiques = pratiques.filter(priorite=priorite)
    if difficulte:
        pratiques = pratiques.filter(difficulte=difficulte)
    return pratiques
