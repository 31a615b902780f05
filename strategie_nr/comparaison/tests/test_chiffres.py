"""Chaque chiffre publié est celui que calcule sa fonction, avec son année et son origine."""

import pytest

from indicateurs import calculs
from indicateurs.selectors import derniere_annee_close
from strategie_nr.comparaison.models import Contribution
from strategie_nr.demo import demo_charger
from strategie_nr.diagnostic.selectors import derniere_campagne_cloturee, resultats_campagne


@pytest.mark.django_db
def test_les_chiffres_publies_de_la_commune_de_demo_sont_ceux_de_leurs_fonctions():
    commune = demo_charger()["commune"]
    publies = {c.code: c for c in Contribution.objects.for_collectivite(commune)}
    annee = derniere_annee_close()
    for code in ("parc.equipements_par_agent", "parc.reen_taux_reemploi_reformes"):
        attendu = calculs.REGISTRE[code].fonction(collectivite=commune, annee=annee)
        assert publies[code].annee == annee
        assert publies[code].origine == "calculé depuis l'inventaire"
        assert publies[code].valeur == attendu.quantize(publies[code].valeur)
    campagne = derniere_campagne_cloturee(commune)
    resultats = resultats_campagne(campagne, comparer=False)
    assert publies["maturite.globale"].valeur == resultats.note_globale
    assert publies["maturite.globale"].annee == campagne.date.year
    assert publies["maturite.1"].valeur == resultats.dimensions[0].note


@pytest.mark.django_db
def test_sans_inventaire_la_valeur_declaree_est_publiee_et_dite_declaree(commune, referent):
    """Une année que l'inventaire ne couvre pas : la valeur saisie au suivi de l'indicateur
    est retenue, comme partout ailleurs, et publiée avec son origine."""
    from decimal import Decimal

    from indicateurs.models import DefinitionIndicateur
    from indicateurs.tests.factories import IndicateurSuiviFactory, ValeurFactory
    from strategie_nr.comparaison.services import comparaison_publier

    annee = derniere_annee_close()
    definition = DefinitionIndicateur.objects.get(collectivite=None, code_calcul="parc.empreinte")
    suivi = IndicateurSuiviFactory(collectivite=commune, definition=definition, responsable=None)
    ValeurFactory(suivi=suivi, annee=annee, valeur=Decimal("45"))
    commune.participe_comparaison = True
    commune.save()
    comparaison_publier()
    publie = Contribution.objects.for_collectivite(commune).get(code="parc.empreinte_par_agent")
    # 45 tCO2e pour 900 agents (fabrique de test) : 50 kgCO2e par agent.
    assert (publie.annee, publie.valeur, publie.origine) == (annee, Decimal(50), "déclaré")
    assert (
        not Contribution.objects.for_collectivite(commune)
        .filter(code="parc.equipements_par_agent")
        .exists()
    )
