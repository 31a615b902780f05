import pytest

from indicateurs.models import DefinitionIndicateur
from indicateurs.tests.factories import DefinitionIndicateurFactory, IndicateurSuiviFactory
from strategie_nr.referentiel.models import Axe


@pytest.fixture
def definition(db):
    return DefinitionIndicateur.objects.get(cle="axe-2-2")  # Nombre de dons de matériels


@pytest.fixture
def suivi(commune, agent, definition):
    return IndicateurSuiviFactory(collectivite=commune, definition=definition, responsable=agent)


@pytest.fixture
def suivi_calcule(commune, agent, parc_factice):
    definition = DefinitionIndicateurFactory(
        commune_a_tous=True,
        calcule=True,
        cle="test.dons",
        axe=Axe.objects.get(numero=2),
        libelle="Équipements donnés (calcul de test)",
        code_calcul="test.dons",
    )
    return IndicateurSuiviFactory(collectivite=commune, definition=definition, responsable=agent)
