"""URL de l'import du parc pour le balayage d'isolation (voir strategie_nr/tests)."""

from parc.importation.models import ImportEnAttente


def _en_attente(d):
    return {
        "pk": ImportEnAttente.objects.for_collectivite(d.commune).values_list("pk", flat=True)[0]
    }


PARAMETRES = {
    "import_parc:apercu": _en_attente,
    "import_parc:correspondances": _en_attente,
    "import_parc:options": _en_attente,
    "import_parc:confirmer": _en_attente,
    "import_parc:abandonner": _en_attente,
    "import_parc:exemple": lambda d: {"nom": "export_glpi.csv"},
}

# Le dépôt travaille pour la collectivité courante ; les fichiers d'exemple sont communs.
SANS_OBJET_DE_COLLECTIVITE = {"import_parc:depot", "import_parc:exemple"}
