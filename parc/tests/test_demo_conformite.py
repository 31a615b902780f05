"""La démo rend les deux contrôles légaux parlants : des dons, des réformes en attente, un
objectif REEN manqué une année, une déclaration AGEC possible (SIRET)."""

import io

import pytest
from django.core.management import call_command

from collectivites.models import Collectivite
from parc import conformite


@pytest.mark.django_db
def test_la_demo_donne_des_taux_parlants(settings):
    settings.DEBUG = True
    call_command("charger_demo", stdout=io.StringIO())
    commune = Collectivite.objects.get(code_officiel="45999")
    assert commune.siret == "21450999400015"
    taux = conformite.reen_des_annees(commune, [2023, 2024, 2025])
    assert all(t.b > 0 and t.a > 0 for t in taux.values())
    assert [taux[a].atteint for a in (2023, 2024, 2025)] == [True, False, True]
    assert taux[2025].exclus["plus_de_dix_ans"] and taux[2025].exclus["informations_securisees"]
    for annee in (2023, 2024, 2025):
        informatique = conformite.agec(commune, annee)[0]
        assert informatique.montant_total > 0 and informatique.montant_dons > 0
    assert conformite.vers_deee(commune)
    assert len(conformite.declaration_agec_lignes(commune, 2025)) == 2
