import pytest
from django.core.files.storage import InMemoryStorage

from strategie_nr.fiches.tests.factories import FicheActionFactory, VersionFactory
from strategie_nr.pieces.models import PieceJustificative


@pytest.fixture
def fiche_commune(commune, agent):
    """Une fiche d'une version en brouillon, dont l'agent est responsable."""
    version = VersionFactory(feuille_de_route__collectivite=commune)
    return FicheActionFactory(version=version, responsable=agent)


@pytest.fixture(autouse=True)
def stockage_vide(monkeypatch):
    """Chaque test part d'un stockage des pièces vide (un nouveau stockage en mémoire)."""
    stockage = InMemoryStorage()
    monkeypatch.setattr(PieceJustificative._meta.get_field("fichier"), "storage", stockage)
    return stockage
