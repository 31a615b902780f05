"""Données de démonstration de ce domaine (appelé par `strategie_nr.demo.demo_charger`)."""


def charger(contexte: dict) -> None:
    """Idempotent : un second passage ne crée ni ne modifie rien."""
