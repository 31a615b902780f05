"""Orchestre les données de démonstration de chaque domaine (commande `charger_demo`)."""

from collectivites import demo as demo_collectivites


def demo_charger() -> dict:
    """Idempotent : un second passage ne crée ni ne modifie rien."""
    contexte = demo_collectivites.charger()
    return contexte
