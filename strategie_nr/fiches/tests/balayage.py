"""URL des fiches et de la feuille de route pour le balayage d'isolation."""

from strategie_nr.fiches.models import FicheAction, VersionFeuilleDeRoute


def _fiche(d):
    return FicheAction.objects.for_collectivite(d.commune).order_by("pk").first().pk


def _version(d):
    return VersionFeuilleDeRoute.objects.for_collectivite(d.commune).order_by("pk").first().pk


PARAMETRES = {
    "fiches:version": lambda d: {"pk": _version(d)},
    "fiches:soumettre": lambda d: {"pk": _version(d)},
    "fiches:decision": lambda d: {"pk": _version(d)},
    "fiches:fiche": lambda d: {"pk": _fiche(d)},
    "fiches:modifier": lambda d: {"pk": _fiche(d)},
    "fiches:supprimer": lambda d: {"pk": _fiche(d)},
}

# Pages de la collectivité courante : un membre de l'EPCI y voit les siennes.
SANS_OBJET_DE_COLLECTIVITE = {
    "fiches:index",
    "fiches:creer",
    "fiches:nouvelle_version",
    "fiches:comparer",
    "fiches:historique",
}

POST_PERMIS_A_L_ELU = set()

# Import d'un plan d'action et export XLSX : toujours dans la collectivité courante.
SANS_OBJET_DE_COLLECTIVITE |= {"fiches:importer", "fiches:import_apercu", "fiches:exporter"}
