import pytest

from strategie_nr.donnees.enums import Choix
from strategie_nr.donnees.tests.factories import (
    PublicationFactory,
)

pytestmark = pytest.mark.django_db


def publies(publication):
    return {choix for choix in Choix.values if getattr(publication, choix)}


@pytest.mark.parametrize(
    "traits, attendus",
    [
        ({}, set()),
        ({"indicateurs_publies": True}, {Choix.INDICATEURS}),
        ({"strategie_publiee": True}, {Choix.STRATEGIE}),
        ({"declaration_agec_publiee": True}, {Choix.DECLARATION_AGEC}),
        ({"tout_publie": True}, set(Choix.values)),
    ],
)
def test_publication_et_ses_choix(traits, attendus):
    publication = PublicationFactory(**traits)
    publication.full_clean()
    assert publies(publication) == attendus
    assert publication.publie_quelque_chose is bool(attendus)
    for choix in Choix.values:
        assert (publication.depuis(choix) is not None) is (choix in attendus)


def test_publication_modifiee_par_un_referent_de_la_collectivite():
    publication = PublicationFactory(par_referent=True, indicateurs_publies=True)
    publication.full_clean()
    assert publication.modifiee_par.collectivite == publication.collectivite
    assert publication.modifiee_par.role == "referent"


def test_une_seule_publication_par_collectivite():
    publication = PublicationFactory()
    assert PublicationFactory(collectivite=publication.collectivite) == publication
