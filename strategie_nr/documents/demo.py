"""Données de démonstration de ce domaine (appelé par `strategie_nr.demo.demo_charger`)."""

from strategie_nr.fiches.models import VersionFeuilleDeRoute

from .services import document_officiel_generer


def charger(contexte: dict) -> None:
    """Idempotent : chaque version validée de la démonstration a son document officiel."""
    commune = contexte["commune"]
    documents = [
        document_officiel_generer(version=version)
        for version in VersionFeuilleDeRoute.objects.for_collectivite(commune).validees()
    ]
    contexte["document_officiel_demo"] = documents[0] if documents else None
