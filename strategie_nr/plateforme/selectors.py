"""Lectures de l'historique commun, prêtes pour le gabarit `plateforme/includes/historique.html`
(une requête, quel que soit le nombre d'entrées)."""

from .models import EntreeHistorique

LIMITE = 200


def historique_de_l_objet(collectivite, *, objet_type: str, objet_cle, limite: int = LIMITE):
    return (
        EntreeHistorique.objects.for_collectivite(collectivite)
        .de_l_objet(objet_type, objet_cle)
        .pour_affichage()[:limite]
    )


def historique_des_types(collectivite, *objet_types: str, limite: int = LIMITE):
    return (
        EntreeHistorique.objects.for_collectivite(collectivite)
        .de_type(*objet_types)
        .pour_affichage()[:limite]
    )
