import pytest

from collectivites.enums import Role
from strategie_nr.demo import demo_charger
from strategie_nr.fiches.enums import StatutVersion
from strategie_nr.fiches.models import Evenement, FicheAction, VersionFeuilleDeRoute
from strategie_nr.fiches.selectors import fiches_lues, instantane_intact, versions_comparer

pytestmark = pytest.mark.django_db


def test_une_v1_validee_et_une_v2_en_brouillon():
    contexte = demo_charger()
    v1, v2 = contexte["version_validee_demo"], contexte["version_brouillon_demo"]
    assert (v1.numero, v1.statut) == (1, StatutVersion.VALIDEE)
    assert v1.validee_par.role == Role.REFERENT and v1.date_copil.year == 2025
    assert instantane_intact(v1)
    fiches = fiches_lues(v1)
    assert 16 <= len(fiches) <= 20
    assert {f["axe"] for f in fiches} == {1, 2, 3, 4, 5, 6}
    assert all(f["budget"] is not None and f["responsable"] for f in fiches)
    assert all(f["debut"].year >= 2024 and f["fin"].year <= 2027 for f in fiches)
    assert any(f["sous_actions"] for f in fiches) and all(f["indicateurs"] for f in fiches)
    inspirees = FicheAction.objects.filter(version=v1, action_exemple__isnull=False)
    assert all(
        f.action_exemple.axe_id == f.axe_id for f in inspirees.select_related("action_exemple")
    )
    assert inspirees.count() >= 12

    assert (v2.numero, v2.statut) == (2, StatutVersion.BROUILLON)
    statuts = {f["statut_affiche"] for f in fiches_lues(v2)}
    assert {"en_cours", "realisee", "a_venir", "en_pause", "abandonnee", "en_retard"} <= statuts
    ecarts = versions_comparer(v1, v2)
    assert len(ecarts["ajoutees"]) == 1 and len(ecarts["retirees"]) == 1
    assert len(ecarts["modifiees"]) >= 4
    assert contexte["fiche_demo"].version == v2


def test_la_demo_des_fiches_est_idempotente():
    commune = demo_charger()["version_validee_demo"].feuille_de_route.collectivite
    fiches, evenements = FicheAction.objects.count(), Evenement.objects.count()
    demo_charger()
    assert FicheAction.objects.count() == fiches and Evenement.objects.count() == evenements
    # La commune de démonstration : les collectivités fictives de la comparaison ont les leurs.
    assert VersionFeuilleDeRoute.objects.for_collectivite(commune).count() == 2
