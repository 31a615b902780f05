"""Tâche de l'import du parc pour « Mes tâches » : les imports laissés à l'aperçu."""

from django.urls import reverse

from strategie_nr.taches import Tache

from .models import ImportEnAttente


def taches_import(membre, aujourdhui) -> list[Tache]:
    return [
        Tache(
            f"Import « {en_attente.nom_fichier} » en attente de confirmation",
            reverse("import_parc:apercu", kwargs={"pk": en_attente.pk}),
            "Confirmez-le ou abandonnez-le.",
        )
        for en_attente in ImportEnAttente.objects.for_collectivite(membre.collectivite_id)
        .filter(auteur=membre.utilisateur)
        .order_by("pk")
    ]
