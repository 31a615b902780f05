"""URL des documents pour le balayage d'isolation."""

from strategie_nr.fiches.models import FicheAction, VersionFeuilleDeRoute


def _version_validee(d):
    versions = VersionFeuilleDeRoute.objects.for_collectivite(d.commune).validees()
    return versions.order_by("pk").first().pk


PARAMETRES = {
    "documents:version": lambda d: {"pk": _version_validee(d)},
    "documents:version_word": lambda d: {"pk": _version_validee(d)},
    "documents:bilan": lambda d: {"annee": 2025},
    "documents:bilan_word": lambda d: {"annee": 2025},
    "documents:fiche": lambda d: {
        "pk": FicheAction.objects.for_collectivite(d.commune).order_by("pk").first().pk
    },
}

# Documents de la collectivité courante : un membre de l'EPCI y obtient les siens.
SANS_OBJET_DE_COLLECTIVITE = {
    "documents:index",
    "documents:strategie",
    "documents:strategie_word",
    "documents:bilan",
    "documents:bilan_word",
}

POST_PERMIS_A_L_ELU = set()
