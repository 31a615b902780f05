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
