"""Données de démonstration (appelé par `strategie_nr.demo.demo_charger`) : la commune publie
ses indicateurs, sa stratégie validée et sa déclaration AGEC ; l'EPCI ne publie rien."""

from .selectors import publication_de
from .services import publication_modifier


def charger(contexte: dict) -> None:
    """Idempotent : des choix déjà faits ne sont pas refaits (ni leur date, ni l'historique)."""
    commune = contexte["commune"]
    if publication_de(commune).pk is None:
        publication_modifier(
            collectivite=commune,
            par=contexte["membres"]["referent@demo.test"],
            indicateurs=True,
            strategie=True,
            declaration_agec=True,
        )
