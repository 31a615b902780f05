import pytest

from strategie_nr.etapes import etapes_avancement, prerequis_decret
from strategie_nr.programme import selectors
from strategie_nr.programme.selectors import controles_prerequis_programme, programme_de_travail
from strategie_nr.programme.tests.factories import (
    ActionEngageeFactory,
    BilanImpactFactory,
    PartiePrenanteFactory,
    programme_complet,
)

pytestmark = pytest.mark.django_db


def etats(collectivite) -> list[bool]:
    return [c.fait for c in controles_prerequis_programme(collectivite)]


def test_controles_de_l_etape_1_en_une_requete(commune, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert etats(commune) == [False, False, False]


def test_il_faut_des_acteurs_publics_et_prives(commune):
    PartiePrenanteFactory(collectivite=commune, publique=True)
    assert etats(commune)[0] is False
    PartiePrenanteFactory(collectivite=commune, reparateur=True)
    assert etats(commune)[0] is True


def test_le_bilan_est_redige_quand_toutes_ses_rubriques_le_sont(commune):
    bilan = BilanImpactFactory(collectivite=commune, limites="")
    assert etats(commune)[1] is False and not bilan.redige
    bilan.limites = "Usages non mesurés"
    bilan.save()
    assert etats(commune)[1] is True and bilan.redige


def test_les_controles_ne_regardent_que_la_collectivite(commune, epci):
    programme_complet(epci)
    assert etats(commune) == [False, False, False]
    assert etats(epci) == [True, True, True]
    ActionEngageeFactory(collectivite=commune)
    assert etats(commune) == [False, False, True]


def test_les_controles_apparaissent_avec_les_prerequis_du_decret(commune):
    libelles = [c.libelle for c in prerequis_decret(commune)["controles"]]
    assert "Les actions déjà engagées sont recensées" in libelles
    etape_1 = etapes_avancement(commune)[0]
    assert "Les actions déjà engagées sont recensées" not in [
        c.libelle for c in etape_1["controles"]
    ]


def test_programme_de_travail_pour_le_pdf(commune, epci, django_assert_max_num_queries):
    PartiePrenanteFactory(collectivite=commune, nom="B réparateur", reparateur=True)
    PartiePrenanteFactory(collectivite=commune, nom="A État", publique=True)
    PartiePrenanteFactory(collectivite=epci, nom="Autre territoire")
    BilanImpactFactory(collectivite=commune, constats="La fabrication domine")
    ActionEngageeFactory(collectivite=commune, titre="Dons")
    # Trois requêtes pour le programme, plus les cinq agrégats et le test de parc vide du parc.
    with django_assert_max_num_queries(9):
        programme = programme_de_travail(commune)
    assert [p.nom for p in programme.parties_prenantes] == ["A État", "B réparateur"]
    assert [libelle for libelle, _ in programme.parties_prenantes_par_nature] == [
        "État et services déconcentrés",
        "Réparateur",
    ]
    assert ("principaux constats", "La fabrication domine") in programme.rubriques_bilan
    assert [a.titre for a in programme.actions_engagees] == ["Dons"]
    assert programme.chiffres_parc is None


def test_programme_vide(commune):
    programme = programme_de_travail(commune)
    assert programme.bilan is None and programme.rubriques_bilan == []
    assert programme.parties_prenantes == [] and programme.actions_engagees == []


def test_chiffres_du_parc(commune):
    from parc.tests.factories import EquipementFactory

    EquipementFactory.create_batch(3, collectivite=commune, annee_acquisition=2020)
    chiffres = dict(selectors.chiffres_parc(commune))
    assert any(libelle.startswith("Équipements présents fin") for libelle in chiffres)
    assert "3" in chiffres.values()
