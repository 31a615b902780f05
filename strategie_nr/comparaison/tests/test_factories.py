from decimal import Decimal

import pytest

from collectivites.enums import Nature
from strategie_nr.comparaison import statistiques
from strategie_nr.comparaison.enums import Strate, strate_de
from strategie_nr.comparaison.tests.factories import (
    ContributionFactory,
    PublicationFactory,
    StatistiqueFactory,
)

pytestmark = pytest.mark.django_db


def test_publication_par_defaut_sans_chiffres():
    publication = PublicationFactory()
    publication.full_clean()
    assert not publication.contributions.exists()
    assert not publication.statistiques.exists()


def test_contribution_de_l_annee_de_sa_publication():
    contribution = ContributionFactory()
    contribution.full_clean()
    assert contribution.annee == contribution.publication.annee
    assert contribution.origine == "calculé depuis l'inventaire"


def test_contribution_declaree():
    contribution = ContributionFactory(declaree=True)
    contribution.full_clean()
    assert contribution.origine == "déclaré"


@pytest.mark.parametrize(
    "traits, nature, strate",
    [
        ({}, "", ""),
        ({"communes": True}, Nature.COMMUNE, ""),
        ({"strate_50001_100000": True}, "", Strate.DE_50001_A_100000),
    ],
)
def test_statistique_de_groupe(traits, nature, strate):
    statistique = StatistiqueFactory(**traits)
    statistique.full_clean()
    assert (statistique.nature, statistique.strate, statistique.effectif) == (nature, strate, 5)


def test_groupe_publiable_cinq_communes_de_la_meme_strate_et_leurs_quartiles():
    publication = PublicationFactory(groupe_publiable=True)
    publication.full_clean()
    contributions = list(publication.contributions.select_related("collectivite"))
    for contribution in contributions:
        contribution.full_clean()
    assert len({c.collectivite_id for c in contributions}) == 5
    assert {
        (c.collectivite.nature, strate_de(c.collectivite.population)) for c in contributions
    } == {(Nature.COMMUNE, Strate.DE_50001_A_100000)}
    statistique = publication.statistiques.get()
    statistique.full_clean()
    valeurs = [c.valeur for c in contributions]
    assert sorted(valeurs) == [Decimal(v) for v in (10, 20, 30, 40, 50)]
    assert statistiques.quartiles(valeurs) == (
        statistique.premier_quartile,
        statistique.mediane,
        statistique.troisieme_quartile,
    )
    assert (statistique.nature, statistique.strate, statistique.effectif) == (
        Nature.COMMUNE,
        Strate.DE_50001_A_100000,
        5,
    )


def test_deux_groupes_publiables_gardent_les_memes_valeurs():
    PublicationFactory(groupe_publiable=True)
    seconde = PublicationFactory(groupe_publiable=True)
    assert sorted(c.valeur for c in seconde.contributions.all()) == [
        Decimal(v) for v in (10, 20, 30, 40, 50)
    ]
