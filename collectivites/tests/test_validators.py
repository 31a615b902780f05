import datetime

import pytest
from django.core.exceptions import ValidationError

from collectivites.enums import Nature
from collectivites.tests.factories import CollectiviteFactory
from collectivites.validators import code_insee_valide, siren_valide


@pytest.mark.parametrize(
    "code, valide",
    [
        ("45234", True),
        ("2A004", True),  # Ajaccio
        ("2b033", True),  # Bastia, en minuscules
        ("97411", True),  # Saint-Denis (La Réunion)
        ("4523", False),
        ("452345", False),
        ("45A34", False),
        ("2C004", False),
        ("00123", False),
        ("45000", False),
        ("", False),
        (None, False),
    ],
)
def test_code_insee(code, valide):
    assert code_insee_valide(code) is valide


@pytest.mark.parametrize(
    "siren, valide",
    [
        ("200046977", True),  # Métropole de Lyon
        ("243500139", True),  # Rennes Métropole
        ("999999998", True),
        ("200046978", False),  # clé fausse
        ("20004697", False),
        ("2000469770", False),
        ("20004697A", False),
        ("", False),
    ],
)
def test_siren(siren, valide):
    assert siren_valide(siren) is valide


@pytest.mark.django_db
def test_une_commune_exige_un_code_insee_et_un_epci_un_siren():
    commune = CollectiviteFactory.build(nature=Nature.COMMUNE, code_officiel="243500139")
    with pytest.raises(ValidationError) as erreur:
        commune.full_clean()
    assert "code INSEE" in str(erreur.value.message_dict["code_officiel"])

    epci = CollectiviteFactory.build(nature=Nature.EPCI, code_officiel="45234")
    with pytest.raises(ValidationError) as erreur:
        epci.full_clean()
    assert "SIREN" in str(erreur.value.message_dict["code_officiel"])

    CollectiviteFactory.build(nature=Nature.EPCI, code_officiel="243500139").full_clean()


@pytest.mark.parametrize(
    "nature, population, applicable",
    [
        (Nature.COMMUNE, 50_000, False),  # « plus de 50 000 » : strictement
        (Nature.COMMUNE, 50_001, True),
        (Nature.EPCI, 120_000, True),
        (Nature.EPCI, 12_000, False),
        (Nature.DEPARTEMENT, 700_000, False),
        (Nature.REGION, 5_000_000, False),
        (Nature.SYNDICAT, 300_000, False),
        (Nature.AUTRE, 80_000, False),
    ],
)
def test_application_de_l_article_35(nature, population, applicable):
    collectivite = CollectiviteFactory.build(nature=nature, population=population)
    assert collectivite.reen_applicable is applicable
    assert bool(collectivite.echeances_reen()) is applicable


def test_echeances_reen():
    collectivite = CollectiviteFactory.build(nature=Nature.COMMUNE, population=82_000)
    avant = collectivite.echeances_reen(datetime.date(2024, 6, 1))
    assert avant[0]["date"] == datetime.date(2025, 1, 1)
    assert avant[0]["depassee"] is False
    assert avant[1]["libelle"] == "Bilan annuel 2025 de la stratégie"
    apres = collectivite.echeances_reen(datetime.date(2026, 11, 23))
    assert apres[0]["depassee"] is True
    assert apres[1]["libelle"] == "Bilan annuel 2026 de la stratégie"
