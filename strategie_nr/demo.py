"""Orchestre les données de démonstration de chaque domaine (commande `charger_demo`)."""

from importlib import import_module

from collectivites import demo as demo_collectivites

# Dans l'ordre des dépendances : chaque domaine lit ce que les précédents ont créé.
DOMAINES = [
    "parc.demo",
    "parc.importation.demo",
    "strategie_nr.diagnostic.demo",
    "indicateurs.demo",
    "strategie_nr.programme.demo",
    "strategie_nr.fiches.demo",
    "strategie_nr.documents.demo",
    "strategie_nr.donnees.demo",
    "strategie_nr.pieces.demo",
    "strategie_nr.comparaison.demo",
]


def demo_charger() -> dict:
    """Idempotent : un second passage ne crée ni ne modifie rien."""
    contexte = demo_collectivites.charger()
    for chemin in DOMAINES:
        import_module(chemin).charger(contexte)
    return contexte
