import datetime
from decimal import Decimal

import pytest

from indicateurs.calculs import REGISTRE
from parc import mesures
from parc.enums import Destination, Origine, Statut
from parc.indicateurs import INDICATEURS
from parc.models import TypeEquipement
from parc.selectors import parc_synthese

from .factories import EquipementFactory


def T(code):
    return TypeEquipement.objects.get(code=code)


@pytest.fixture
def parc_connu(commune):
    """Un petit parc dont on connaît tous les chiffres (commune de 900 agents)."""
    portable, imprimante = T("ordinateur-portable"), T("imprimante")
    achats_2024 = [
        (Origine.NEUF, 1000, 3),
        (Origine.RECONDITIONNE, 500, 2),
        (Origine.REEMPLOI_INTERNE, None, 4),
    ]
    for origine, prix, quantite in achats_2024:
        EquipementFactory(
            collectivite=commune,
            type=portable,
            annee_acquisition=2024,
            origine=origine,
            prix_achat_ht=prix,
            quantite=quantite,
        )
    # Sorties de 2024 : 2 dons (achat 2018), 1 DEEE de 10 kg (achat 2016), une imprimante en DEEE.
    EquipementFactory(
        collectivite=commune,
        type=portable,
        annee_acquisition=2018,
        quantite=2,
        statut=Statut.REFORME,
        date_fin_usage=datetime.date(2024, 5, 1),
        destination=Destination.DON,
        beneficiaire="École",
    )
    EquipementFactory(
        collectivite=commune,
        type=portable,
        annee_acquisition=2016,
        poids_kg=10,
        statut=Statut.REFORME,
        date_fin_usage=datetime.date(2024, 9, 1),
        destination=Destination.DEEE,
    )
    EquipementFactory(
        collectivite=commune,
        type=imprimante,
        annee_acquisition=2020,
        mutualise=True,
        statut=Statut.REFORME,
        date_fin_usage=datetime.date(2024, 2, 1),
        destination=Destination.DEEE,
    )
    EquipementFactory(collectivite=commune, type=imprimante, annee_acquisition=2020, mutualise=True)
    EquipementFactory(collectivite=commune, type=T("copieur"), annee_acquisition=2019)
    return commune


def valeur(code, commune, annee=2024):
    return REGISTRE[code].fonction(collectivite=commune, annee=annee)


def test_tous_les_indicateurs_sont_enregistres():
    assert {code for code, *_ in INDICATEURS} <= set(REGISTRE)
    assert len(INDICATEURS) == 16


def test_indicateurs_du_parc(parc_connu):
    c = parc_connu
    # Achats 2024 hors réemploi interne : 3 × 1 000 + 2 × 500 = 4 000 €, dont 1 000 reconditionnés.
    assert valeur("parc.part_reconditionne_montant", c) == Decimal(25)
    assert valeur("parc.part_reconditionne_nombre", c) == Decimal(40)
    assert valeur("parc.dons", c) == 2
    assert valeur("parc.poids_deee", c) == Decimal(10) + T("imprimante").poids_defaut_kg
    assert valeur("parc.poids_deee_par_agent", c) == valeur("parc.poids_deee", c) / 900
    # Durée de vie des sorties de 2024 : 2 × 6 ans, 1 × 8 ans, 1 × 4 ans → 6 ans.
    assert valeur("parc.duree_vie_moyenne", c) == Decimal(6)
    assert valeur("parc.duree_vie_portables", c) == Decimal("6.666666666666666666666666667")
    # Présents fin 2024 : 9 portables, 1 imprimante (mutualisée), 1 copieur.
    assert valeur("parc.equipements_par_agent", c) == Decimal(11) / 900
    assert valeur("parc.impression_par_agent", c) == Decimal(2) / 900
    assert valeur("parc.taux_mutualisation", c) == Decimal(100) / 11
    assert valeur("parc.age_moyen", c) == Decimal(9) / 11  # (4 + 5) ans sur 11 équipements
    assert valeur("parc.part_reconditionne_montant", c, 2023) is None  # pas d'achat


def test_empreinte_et_simulation(parc_connu):
    g = mesures.groupes(parc_connu, 2024)
    trace = mesures.empreinte(g)
    # 9 portables d'un an : 182,6 / 5 + 1,7 = 38,22 kgCO2e chacun.
    assert trace.total_kg == Decimal("38.22") * 9
    assert trace.versions == ["ADEME–Arcep 2022"]
    assert {t.code for t, _ in trace.non_disponibles} == {"imprimante", "copieur"}
    simulation = mesures.simulation(g, type_code="ordinateur-portable", de=Decimal(5), a=Decimal(6))
    # 9 × 182,6 × (1/5 − 1/6) / 1 000
    assert round(simulation["evite_t"], 6) == round(Decimal(9) * Decimal("182.6") / 30 / 1000, 6)


def test_synthese(parc_connu):
    synthese = parc_synthese(parc_connu, 2024)
    assert synthese.quantite == 11
    assert dict(synthese.destinations) == {"Don": 2, "DEEE collecté par un éco-organisme": 2}
    informatique, impression = synthese.agec_parts
    # Informatique 2024 : 4 000 € hors réemploi interne, dont 1 000 € reconditionnés → 25 %.
    assert (informatique.montant_total, informatique.part_reemploi) == (4000, 25)
    assert informatique.objectif.annee == 2024 and informatique.reemploi_atteint is None
    assert impression.montant_total == 0 and impression.part_reemploi is None
    assert valeur("parc.agec_reemploi_informatique", parc_connu) == 25
    # Sorties de 2024 sans décision de réforme antérieure ni engagement : pas de stock, pas de taux.
    assert (synthese.reen.a, synthese.reen.b, synthese.reen.taux) == (0, 0, None)
    assert valeur("parc.reen_taux_reemploi_reformes", parc_connu) is None
    assert ("Équipements présents fin 2024", "11") in synthese.chiffres_cles()


def test_durees_par_type(parc_connu):
    durees = {
        type_.code: (duree, age)
        for type_, duree, age in parc_synthese(parc_connu, 2024).durees_par_type
    }
    assert durees["imprimante"] == (Decimal(4), Decimal(4))  # sortie après 4 ans ; l'autre a 4 ans
    assert durees["copieur"] == (None, Decimal(5))
    assert durees["ordinateur-portable"][1] == Decimal(0)  # les 9 présents datent de 2024


def test_plusieurs_annees_d_un_coup_comme_annee_par_annee(
    parc_connu, django_assert_max_num_queries
):
    from collectivites.models import Collectivite

    annees = list(range(2019, 2027))
    with django_assert_max_num_queries(6):
        ensemble = mesures.groupes_des_annees(parc_connu, annees, annees_achats=3)
    for annee in annees:
        # Une instance neuve : pas de mémoire commune, chaque année calculée seule.
        seule = mesures.groupes(Collectivite.objects.get(pk=parc_connu.pk), annee, annees_achats=3)
        assert ensemble[annee] == seule, annee
    assert ensemble[2024].presents and ensemble[2024].sorties and ensemble[2024].acquisitions
    # Déjà en mémoire pour cette collectivité : plus aucune requête.
    with django_assert_max_num_queries(0):
        mesures.groupes_des_annees(parc_connu, annees[2:5], annees_achats=3)
