"""Fixtures communes : le référentiel chargé une fois, deux collectivités et leurs membres."""

import signal
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.management.commands import db_worker

from collectivites.enums import Role
from collectivites.tests.factories import CollectiviteFactory, MembreFactory
from collectivites.tests.outils import client_connecte
from indicateurs import calculs


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from strategie_nr.referentiel.services import referentiel_charger

    with django_db_blocker.unblock():
        referentiel_charger()


@pytest.fixture(autouse=True)
def _referentiel_apres_un_test_transactionnel(request):
    """Un test `transaction=True` vide toutes les tables en finissant, référentiel compris :
    le test transactionnel suivant le retrouve chargé (pytest-django les lance en dernier)."""
    marque = request.node.get_closest_marker("django_db")
    if marque is None or not marque.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from strategie_nr.referentiel.models import Axe
    from strategie_nr.referentiel.services import referentiel_charger

    if not Axe.objects.exists():
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


@pytest.fixture
def executer_travaux(db, monkeypatch):
    """Vide la file des tâches comme en production : `manage.py db_worker --batch`.

    Les tâches se mettent en file quand la transaction qui les demande est validée ; un test
    n'en valide aucune : les rappels `on_commit` en attente sont donc joués d'abord. Comme le
    client de test de Django le fait pour les requêtes, le processus de tâches ne ferme pas la
    connexion (elle porte la transaction du test).
    """
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def executer():
        signaux = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
        try:
            while True:
                rappels = list(connection.run_on_commit)
                connection.run_on_commit.clear()
                for _, rappel, _ in rappels:
                    rappel()
                call_command(
                    "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
                )
                if not connection.run_on_commit:
                    break
        finally:
            for numero, gestionnaire in signaux.items():
                signal.signal(numero, gestionnaire)

    return executer


@pytest.fixture(autouse=True)
def _cache_vide():
    """Chaque test part d'un cache vide (limites de demandes comptées dans le cache)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def parc_factice(monkeypatch):
    """Un indicateur calculé factice, dont on règle les valeurs par année."""
    valeurs: dict[int, Decimal] = {}
    indicateur = calculs.IndicateurCalcule(
        code="test.dons",
        libelle="Équipements donnés (calcul de test)",
        unite="nombre",
        sens="hausse",
        axe=2,
        fonction=lambda *, collectivite, annee: valeurs.get(annee),
    )
    monkeypatch.setitem(calculs.REGISTRE, indicateur.code, indicateur)
    return valeurs
