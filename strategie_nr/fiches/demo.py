"""Données de démonstration de ce domaine (appelé par `strategie_nr.demo.demo_charger`)."""

import datetime

from strategie_nr.referentiel.models import Axe


def charger(contexte: dict) -> None:
    """Idempotent : un second passage ne crée ni ne modifie rien.

    Minimum pour le balayage des URL : une version en brouillon de la commune avec une fiche.
    Clé ajoutée au contexte : `fiche_demo`.
    """
    from .models import FicheAction
    from .services import fiche_creer

    commune = contexte["commune"]
    fiche = FicheAction.objects.for_collectivite(commune).order_by("pk").first()
    if fiche is None:
        referent = contexte["membres"]["referent@demo.test"]
        agent = contexte["membres"]["agent@demo.test"]
        fiche = fiche_creer(
            collectivite=commune,
            auteur=referent,
            donnees={
                "axe": Axe.objects.get(numero=4),
                "titre": "Intégrer les compétences numérique responsable au plan de formation",
                "levier_libre": "Former les agents et les élus au numérique responsable",
                "priorite": 3,
                "difficulte": 2,
                "resultats_attendus": (
                    "Les équipes de la DSI et des métiers appliquent au quotidien les bonnes "
                    "pratiques d'écoconception."
                ),
                "debut": datetime.date(2025, 4, 1),
                "fin": datetime.date(2025, 6, 1),
                "responsable": agent,
                "moyens_humains": 5,
                "moyens_unite": "jh",
                "budget": 20000,
                "ligne_budgetaire": "budget DSI",
                "perimetres": ["dsi", "services_generaux"],
                "prerequis": "Valider le budget lors du comité de pilotage",
            },
            indicateurs=[{"libelle": "Nombre de personnes formées", "valeur_cible": 30}],
            sous_actions=[
                {"quoi": "Intégrer le projet et son budget au plan de formation", "qui": "RH"},
                {"quoi": "Sélectionner le prestataire", "qui": "Achats"},
            ],
            budgets=[{"annee": 2025, "montant": 20000}],
        )
    contexte["fiche_demo"] = fiche
