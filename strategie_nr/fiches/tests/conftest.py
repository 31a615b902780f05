import datetime

import pytest

from strategie_nr.fiches.services import fiche_creer
from strategie_nr.referentiel.models import Axe


@pytest.fixture
def donnees_fiche(agent):
    """Champs valides d'une fiche dont l'agent est responsable."""
    return {
        "axe": Axe.objects.get(numero=1),
        "titre": "Former les agents au numérique responsable",
        "priorite": 3,
        "difficulte": 2,
        "debut": datetime.date(2025, 4, 1),
        "fin": datetime.date(2025, 6, 1),
        "responsable": agent,
        "budget": 20000,
        "moyens_humains": 5,
        "moyens_unite": "jh",
        "perimetres": ["dsi", "services_generaux"],
    }


@pytest.fixture
def fiche(commune, agent, donnees_fiche):
    return fiche_creer(
        collectivite=commune,
        auteur=agent,
        donnees=donnees_fiche,
        indicateurs=[{"libelle": "Nombre de personnes formées", "valeur_cible": 30}],
        sous_actions=[{"quoi": "Intégrer le projet au plan de formation", "qui": "RH"}],
        budgets=[{"annee": 2025, "montant": 20000}],
    )
