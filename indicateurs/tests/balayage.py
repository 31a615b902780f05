"""URL des indicateurs pour le balayage d'isolation."""

from indicateurs.models import IndicateurSuivi, Objectif


def _suivi(d):
    return {
        "pk": IndicateurSuivi.objects.for_collectivite(d.commune)
        .filter(definition__mode="saisi")
        .order_by("pk")
        .first()
        .pk
    }


def _objectif(d):
    return {"pk": Objectif.objects.for_collectivite(d.commune).order_by("pk").first().pk}


PARAMETRES = {
    "indicateurs:suivi": _suivi,
    "indicateurs:modifier": _suivi,
    "indicateurs:cibles": _suivi,
    "indicateurs:valeur": _suivi,
    "indicateurs:figer": _suivi,
    "indicateurs:objectif_modifier": _objectif,
    "indicateurs:objectif_supprimer": _objectif,
    "indicateurs:export": lambda d: {"format": "csv"},
}

SANS_OBJET_DE_COLLECTIVITE = {
    "indicateurs:index",
    "indicateurs:suivre",
    "indicateurs:creer",
    "indicateurs:objectif_creer",
    "indicateurs:export",
}
