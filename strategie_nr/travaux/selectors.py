"""Lectures : les travaux d'une collectivité."""

from .models import Travail


def travail_sans_contenu(collectivite, pk):
    """Le travail (pour la page de suivi), sans charger les octets du fichier produit."""
    return (
        Travail.objects.for_collectivite(collectivite)
        .defer("contenu", "source")
        .select_related("demandeur__utilisateur")
        .filter(pk=pk)
    )
