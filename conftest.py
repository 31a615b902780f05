"""Fixtures communes : le référentiel chargé une fois, deux collectivités et leurs membres."""

import pytest

from collectivites.enums import Role
from collectivites.tests.factories import CollectiviteFactory, MembreFactory
from collectivites.tests.outils import client_connecte


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from strategie_nr.referentiel.services import referentiel_charger

    with django_db_blocker.unblock():
        referentiel_charger()


@pytest.fixture
def commune(db):
    return CollectiviteFactory(nom="Ville de Démo-sur-Loire", code_officiel="45999")


@pytest.fixture
def epci(db):
    return CollectiviteFactory(epci=True, nom="Communauté d'agglomération du Val Démo")


@pytest.fixture
def referent(commune):
    return MembreFactory(collectivite=commune, role=Role.REFERENT)


@pytest.fixture
def agent(commune):
    return MembreFactory(collectivite=commune, role=Role.AGENT)


@pytest.fixture
def elu(commune):
    return MembreFactory(collectivite=commune, role=Role.ELU)


@pytest.fixture
def referent_epci(epci):
    return MembreFactory(collectivite=epci, role=Role.REFERENT)


@pytest.fixture
def client_de():
    """Un client connecté en tant que ce membre, sur la collectivité de ce membre."""
    return client_connecte
