"""URL du diagnostic pour le balayage d'isolation : la campagne ouverte de la commune."""

from strategie_nr.diagnostic.models import Campagne


def _campagne(d):
    return {"pk": Campagne.objects.for_collectivite(d.commune).ouvertes().get().pk}


PARAMETRES = {
    "diagnostic:campagne": _campagne,
    "diagnostic:questionnaire": _campagne,
    "diagnostic:consolidation": _campagne,
    "diagnostic:cloturer": _campagne,
    "diagnostic:export": _campagne,
}

SANS_OBJET_DE_COLLECTIVITE = {"diagnostic:index", "diagnostic:ouvrir"}
