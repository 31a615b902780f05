"""URL du parc pour le balayage d'isolation : un équipement en service de la commune."""

from parc.models import Equipement


def _equipement(d):
    return {
        "pk": Equipement.objects.for_collectivite(d.commune)
        .exclude(statut="reforme")
        .order_by("pk")
        .first()
        .pk
    }


PARAMETRES = {
    "parc:equipement": _equipement,
    "parc:modifier": _equipement,
    "parc:reformer": _equipement,
    "parc:export": lambda d: {"format": "csv"},
}

SANS_OBJET_DE_COLLECTIVITE = {"parc:index", "parc:tableau_de_bord", "parc:creer", "parc:export"}
