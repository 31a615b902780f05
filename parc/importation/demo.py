"""Données de démonstration de l'import : un export GLPI déposé, en attente de confirmation."""

import hashlib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import ImportEnAttente
from .services import DOSSIER_EXEMPLES

FICHIER_DEMO = "export_glpi.csv"
# La démonstration garde son import en attente un an, pour qu'on puisse en voir l'aperçu.
DUREE_DEMO = timedelta(days=365)


@transaction.atomic
def charger(contexte: dict) -> None:
    """Idempotent : un second passage ne crée ni ne modifie rien."""
    contenu = (DOSSIER_EXEMPLES / FICHIER_DEMO).read_bytes()
    agent = contexte["membres"]["agent@demo.test"]
    empreinte = hashlib.sha256(contenu).hexdigest()
    en_attente = (
        ImportEnAttente.objects.valides()
        .filter(collectivite=contexte["commune"], auteur=agent.utilisateur, empreinte=empreinte)
        .first()
    )
    if en_attente is None:
        maintenant = timezone.now()
        en_attente = ImportEnAttente(
            collectivite=contexte["commune"],
            auteur=agent.utilisateur,
            nom_fichier=FICHIER_DEMO,
            contenu=contenu,
            taille=len(contenu),
            empreinte=empreinte,
            cree_le=maintenant,
            expire_le=maintenant + DUREE_DEMO,
        )
        en_attente.full_clean()
        en_attente.save()
    contexte["import_en_attente"] = en_attente
