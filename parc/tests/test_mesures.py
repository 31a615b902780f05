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


def egal(a, b):
    """Égalité au millionième : l'ordre des divisions change le dernier chiffre d'un Decimal."""
    return a is not None and b is not None and round(a, 6) == round(b, 6)


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
    # Durée de vie des sorties de 2024, en jours depuis le 1er juillet de l'année d'achat :
    # 2 dons 01/07/2018 → 01/05/2024 = 2 131 j ; DEEE 01/07/2016 → 01/09/2024 = 2 984 j ;
    # imprimante 01/07/2020 → 01/02/2024 = 1 310 j.
    an = Decimal("365.25")
    assert egal(valeur("parc.duree_vie_moyenne", c), Decimal(2 * 2131 + 2984 + 1310) / 4 / an)
    assert round(valeur("parc.duree_vie_moyenne", c), 2) == Decimal("5.86")
    assert egal(valeur("parc.duree_vie_portables", c), Decimal(2 * 2131 + 2984) / 3 / an)
    # Présents fin 2024 : 9 portables, 1 imprimante (mutualisée), 1 copieur.
    assert valeur("parc.equipements_par_agent", c) == Decimal(11) / 900
    assert valeur("parc.impression_par_agent", c) == Decimal(2) / 900
    assert valeur("parc.taux_mutualisation", c) == Decimal(100) / 11
    # Au 31/12/2024 : 9 portables du 01/07/2024 (183 j), imprimante du 01/07/2020 (1 644 j),
    # copieur du 01/07/2019 (2 010 j).
    assert egal(valeur("parc.age_moyen", c), Decimal(9 * 183 + 1644 + 2010) / 11 / an)
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
    an = Decimal("365.25")
    # Sortie après 1 310 jours ; l'autre a 1 644 jours au 31/12/2024.
    assert egal(durees["imprimante"][0], Decimal(1310) / an)
    assert egal(durees["imprimante"][1], Decimal(1644) / an)
    assert durees["copieur"][0] is None and egal(durees["copieur"][1], Decimal(2010) / an)
    assert egal(durees["ordinateur-portable"][1], Decimal(183) / an)  # 9 du 01/07/2024


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


def test_duree_de_vie_aux_dates_exactes(commune):
    """Un smartphone du 20/12/2022 sorti le 05/01/2025 a vécu 747 jours, pas 3 ans."""
    EquipementFactory(
        collectivite=commune,
        type=T("smartphone"),
        annee_acquisition=2022,
        date_acquisition=datetime.date(2022, 12, 20),
        statut=Statut.REFORME,
        date_fin_usage=datetime.date(2025, 1, 5),
        destination=Destination.DEEE,
    )
    duree = mesures.duree_vie_moyenne(mesures.groupes(commune, 2025))
    assert egal(duree, Decimal(747) / Decimal("365.25"))
    assert round(duree, 2) == Decimal("2.05")


def test_une_annee_seule_vaut_le_premier_juillet():
    assert mesures.date_de_reference(None, 2021) == datetime.date(2021, 7, 1)
    assert mesures.date_de_reference(datetime.date(2021, 3, 2), 2021) == datetime.date(2021, 3, 2)
    assert mesures.date_de_reference(None, None) is None


@pytest.fixture
def parc_empreinte(commune):
    """Seize lignes dont l'empreinte 2025 est calculée à la main ci-dessous."""
    D = datetime.date
    lignes = [
        # type, date d'acquisition (ou année seule), quantité, statut, fin d'usage
        ("ordinateur-portable", D(2025, 3, 15), 1, Statut.EN_SERVICE, None),
        ("ordinateur-portable", 2019, 2, Statut.EN_SERVICE, None),
        ("ordinateur-portable", D(2021, 1, 10), 1, Statut.EN_STOCK, None),
        ("ordinateur-fixe", D(2017, 12, 20), 1, Statut.EN_SERVICE, None),
        ("ordinateur-fixe", 2023, 3, Statut.EN_SERVICE, None),
        ("ecran", D(2016, 6, 1), 4, Statut.EN_SERVICE, None),
        ("ecran", None, 2, Statut.EN_SERVICE, None),
        ("smartphone", D(2022, 12, 20), 1, Statut.EN_SERVICE, None),
        ("smartphone", D(2025, 6, 30), 5, Statut.EN_STOCK, None),
        ("tablette", 2020, 1, Statut.EN_SERVICE, None),
        ("tablette", D(2024, 2, 29), 2, Statut.EN_SERVICE, None),
        ("imprimante", 2022, 1, Statut.EN_SERVICE, None),
        ("serveur", 2021, 1, Statut.EN_SERVICE, None),
        ("ordinateur-portable", 2018, 1, Statut.REFORME, D(2025, 6, 1)),
        ("ordinateur-portable", D(2026, 1, 15), 1, Statut.EN_SERVICE, None),
        ("ordinateur-fixe", D(2019, 3, 1), 1, Statut.REFORME, D(2026, 2, 1)),
    ]
    for code, acquisition, quantite, statut, fin in lignes:
        EquipementFactory(
            collectivite=commune,
            type=T(code),
            annee_acquisition=getattr(acquisition, "year", acquisition),
            date_acquisition=acquisition if isinstance(acquisition, datetime.date) else None,
            quantite=quantite,
            statut=statut,
            date_fin_usage=fin,
            destination=Destination.DEEE if fin else "",
        )
    return commune


def test_empreinte_calculee_a_la_main(parc_empreinte):
    """Fabrication / max(durée de référence, âge au 31/12/2025 en jours / 365,25) + usage
    (rien pour l'usage en stock) ; facteurs ADEME–Arcep 2022."""
    attendu_kg = {
        # 291 j (0,80 an < 5) : 182,6 / 5 + 1,7 = 38,22
        # 01/07/2019, 2 375 j (6,50 ans > 5) : 2 × (182,6 / 6,502 + 1,7) = 59,56
        # en stock, 1 816 j (4,97 ans < 5) : 182,6 / 5 = 36,52
        "ordinateur-portable": Decimal("38.22") + Decimal("59.56") + Decimal("36.52"),
        # 2 933 j (8,03 ans) : 204,4 / 8,030 + 8,6 = 34,05 ; 3 × (204,4 / 6 + 8,6) = 128,00 ;
        # sorti le 01/02/2026, présent fin 2025, 2 497 j (6,84 ans) : 204,4 / 6,836 + 8,6 = 38,50
        "ordinateur-fixe": Decimal("34.05") + Decimal("128.00") + Decimal("38.50"),
        # 3 500 j (9,58 ans) : 4 × (65,9 / 9,582 + 4) = 43,51 ;
        # sans date : 2 × (65,9 / 6 + 4) = 29,97
        "ecran": Decimal("43.51") + Decimal("29.97"),
        # 1 107 j (3,03 ans) : 85,1 / 3,031 + 0,2 = 28,28 ; en stock : 5 × 85,1 / 2,5 = 170,20
        "smartphone": Decimal("28.28") + Decimal("170.20"),
        # 01/07/2020, 2 009 j (5,50 ans) : 59,7 / 5,5 + 1,1 = 11,95 ; 2 × (59,7 / 3 + 1,1) = 42,00
        "tablette": Decimal("11.95") + Decimal("42.00"),
    }
    trace = mesures.empreinte(mesures.groupes(parc_empreinte, 2025))
    par_type = {t.code: (q, kg) for t, q, kg, _f in trace.par_type}
    for code, kg in attendu_kg.items():
        assert abs(par_type[code][1] - kg) < Decimal("0.02"), code
    assert {code: q for code, (q, _kg) in par_type.items()} == {
        "ordinateur-portable": 4,
        "ordinateur-fixe": 5,
        "ecran": 6,
        "smartphone": 6,
        "tablette": 3,
    }
    assert round(trace.total_kg) == round(sum(attendu_kg.values())) == 661
    assert {t.code: q for t, q in trace.non_disponibles} == {"imprimante": 1, "serveur": 1}
