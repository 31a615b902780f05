"""URL des travaux en arrière-plan pour le balayage d'isolation."""

from strategie_nr.travaux.models import Travail

from .factories import TravailFactory


def _travail(d):
    travail = Travail.objects.for_collectivite(d.commune).filter(libelle="Balayage").first()
    return {
        "pk": (travail or TravailFactory(collectivite=d.commune, libelle="Balayage", pret=True)).pk
    }


PARAMETRES = {
    "travaux:suivi": _travail,
    "travaux:fichier": _travail,
}
