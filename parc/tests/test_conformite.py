"""Les contrôles légaux, calculés à la main : décret n° 2023-266 (REEN art. 16) et décret
n° 2024-134 (AGEC art. 58)."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from parc import conformite
from parc.conformite import Achat, Reforme, parts_agec, plus_de_dix_ans, taux_reen
from parc.enums import Destination, Origine
from parc.importation.lecture import SYNONYMES

D = datetime.date
OBJECTIFS_REEN = [
    SimpleNamespace(annee=2023, taux=Decimal(25)),
    SimpleNamespace(annee=2024, taux=Decimal(35)),
    SimpleNamespace(annee=2025, taux=Decimal(50)),
]


def reforme(**champs):
    valeurs = {
        "quantite": 1,
        "date_reforme": D(2024, 6, 1),
        "annee_acquisition": 2020,
    }
    valeurs.update(champs)
    return Reforme(**valeurs)


# --- Plus de dix ans à la date de la réforme -------------------------------------------------


def test_un_equipement_reforme_le_jour_de_ses_dix_ans_compte():
    acquis = D(2015, 3, 10)
    assert not plus_de_dix_ans(reforme(date_acquisition=acquis, date_reforme=D(2025, 3, 10)))
    assert plus_de_dix_ans(reforme(date_acquisition=acquis, date_reforme=D(2025, 3, 11)))


def test_annee_seule_exclu_seulement_quand_c_est_certain():
    # Acquis en 2015, réformé en 2025 : peut-être moins de dix ans, on ne l'exclut pas.
    assert not plus_de_dix_ans(reforme(annee_acquisition=2015, date_reforme=D(2025, 12, 31)))
    # Acquis en 2014, réformé le 1er janvier 2025 : au moins dix ans et un jour.
    assert plus_de_dix_ans(reforme(annee_acquisition=2014, date_reforme=D(2025, 1, 1)))
    assert not plus_de_dix_ans(reforme(annee_acquisition=None, date_reforme=D(2025, 1, 1)))


def test_acquis_un_29_fevrier():
    acquis = D(2016, 2, 29)
    assert not plus_de_dix_ans(reforme(date_acquisition=acquis, date_reforme=D(2026, 3, 1)))
    assert plus_de_dix_ans(reforme(date_acquisition=acquis, date_reforme=D(2026, 3, 2)))


# --- Taux REEN : A / B × 100 -----------------------------------------------------------------


def test_taux_reen_calcule_a_la_main():
    """2025 : 4 réformés en stock au 1er janvier (B = 4) ; 2 sortent en don avec engagement
    (A = 2) ; taux 50 % : objectif 2025 (50 %) atteint."""
    en_stock = {"date_reforme": D(2024, 11, 5)}
    reformes = [
        reforme(
            **en_stock,
            quantite=2,
            date_sortie=D(2025, 3, 1),
            destination=Destination.DON,
            engagement=True,
        ),
        reforme(**en_stock, quantite=2),  # toujours en attente de sortie
        reforme(date_reforme=D(2023, 1, 1), date_sortie=D(2024, 12, 31), destination="don"),
    ]
    taux = taux_reen(reformes, annee=2025, objectifs=OBJECTIFS_REEN)
    assert (taux.a, taux.b, taux.taux) == (2, 4, Decimal(50))
    assert taux.objectif.taux == 50
    assert taux.atteint is True


def test_une_vente_sans_engagement_de_reemploi_ne_compte_pas():
    vente = reforme(
        date_reforme=D(2024, 10, 1),
        date_sortie=D(2025, 2, 1),
        destination=Destination.VENTE,
        engagement=False,
    )
    taux = taux_reen([vente], annee=2025, objectifs=OBJECTIFS_REEN)
    assert (taux.a, taux.b, taux.sans_engagement) == (0, 1, 1)
    assert taux.taux == 0
    assert taux.atteint is False


def test_reemploi_interne_et_deee_ne_sont_pas_du_reemploi_au_sens_du_decret():
    communs = {"date_reforme": D(2024, 10, 1), "date_sortie": D(2025, 2, 1), "engagement": True}
    reformes = [
        reforme(**communs, destination=Destination.REEMPLOI_INTERNE),
        reforme(**communs, destination=Destination.DEEE),
        reforme(**communs, destination=Destination.REPRISE_ECO_ORGANISME),
    ]
    taux = taux_reen(reformes, annee=2025)
    assert (taux.a, taux.b) == (1, 3)


def test_exclusions_dix_ans_securite_et_hors_perimetre():
    communs = {
        "date_reforme": D(2024, 10, 1),
        "date_sortie": D(2025, 2, 1),
        "destination": Destination.CESSION,
        "engagement": True,
    }
    reformes = [
        reforme(**communs, annee_acquisition=2012),  # plus de dix ans
        reforme(**communs, securisee=True, quantite=3),
        reforme(**communs, dans_perimetre=False, quantite=2),  # copieur, par exemple
        reforme(**communs),
    ]
    taux = taux_reen(reformes, annee=2025)
    assert (taux.a, taux.b) == (1, 1)
    assert taux.exclus == {
        "plus_de_dix_ans": 1,
        "informations_securisees": 3,
        "hors_perimetre": 2,
    }


def test_reforme_et_sortie_dans_l_annee_compte_en_a_pas_en_b():
    """Le texte compte en A tout ce qui est orienté vers le réemploi pendant N, même réformé
    pendant N : le taux peut dépasser 100 %."""
    reformes = [
        reforme(date_reforme=D(2024, 12, 31)),
        reforme(
            date_reforme=D(2025, 1, 1),
            date_sortie=D(2025, 1, 2),
            destination=Destination.DON,
            engagement=True,
            quantite=2,
        ),
    ]
    taux = taux_reen(reformes, annee=2025)
    assert (taux.a, taux.b, taux.taux) == (2, 1, Decimal(200))


def test_sans_stock_au_premier_janvier_pas_de_taux():
    taux = taux_reen([], annee=2025, objectifs=OBJECTIFS_REEN)
    assert taux.taux is None and taux.atteint is None
    assert taux.objectif.taux == 50


@pytest.mark.parametrize("annee, objectif", [(2022, None), (2023, 25), (2024, 35), (2031, 50)])
def test_objectif_en_vigueur(annee, objectif):
    retenu = conformite.objectif_en_vigueur(OBJECTIFS_REEN, annee)
    assert (retenu.taux if retenu else None) == objectif


# --- Part AGEC par catégorie -----------------------------------------------------------------

INFO = SimpleNamespace(pk=1, libelle="Matériel informatique et téléphonie")
IMPRESSION = SimpleNamespace(pk=2, libelle="Matériel de reprographie et d'impression")


def achat(origine, montant, quantite=1, **champs):
    valeurs = {"categorie_id": 1, "annee": 2025, "origine": origine}
    valeurs.update(champs)
    return Achat(quantite=quantite, montant=Decimal(montant), **valeurs)


def test_part_agec_calculee_a_la_main():
    """Informatique 2025 : 3 000 € neufs (dont 1 000 € à matières recyclées), 1 000 € en
    reconditionné, un don reçu de 2 portables valant 200 € chacun (400 €), un redéploiement
    interne ignoré. Base 4 400 € ; réemploi 1 400 € → 31,8 % ; recyclé 1 000 € → 22,7 %."""
    achats = [
        achat(Origine.NEUF, 2000),
        achat(Origine.NEUF, 1000, recyclee=True),
        achat(Origine.RECONDITIONNE, 1000, quantite=2),
        achat(Origine.DON_RECU, 0, quantite=2, valeur_don_unitaire=Decimal(200)),
        achat(Origine.REEMPLOI_INTERNE, 5000, quantite=10),
        achat(Origine.NEUF, 999, annee=2024),
        achat(Origine.NEUF, 700, categorie_id=2),
    ]
    objectif = SimpleNamespace(
        categorie_id=1, annee=2024, part_reemploi=Decimal(30), part_recyclee=None
    )
    info, impression = parts_agec(
        achats, annee=2025, categories=[INFO, IMPRESSION], objectifs=[objectif]
    )
    assert info.montant_total == Decimal(4400)
    assert info.montant_reemploi == Decimal(1400)
    assert info.montant_dons == Decimal(400)
    assert info.montant_recycle == Decimal(1000)
    assert round(info.part_reemploi, 1) == Decimal("31.8")
    assert round(info.part_recyclee, 1) == Decimal("22.7")
    assert info.reemploi_atteint is True
    assert info.recyclee_atteinte is None  # proportion non saisie : pas de verdict
    assert (impression.montant_total, impression.part_reemploi) == (Decimal(700), 0)
    assert impression.objectif is None


def test_le_redeploiement_interne_n_est_pas_un_achat():
    info = parts_agec(
        [achat(Origine.REEMPLOI_INTERNE, 900, quantite=3)], annee=2025, categories=[INFO]
    )[0]
    assert info.montant_total == 0
    assert info.part_reemploi is None


def test_un_don_recu_sans_valeur_dans_la_grille_est_signale_pas_invente():
    info = parts_agec(
        [
            achat(Origine.NEUF, 1000),
            achat(Origine.DON_RECU, 0, quantite=4, valeur_don_unitaire=None),
        ],
        annee=2025,
        categories=[INFO],
    )[0]
    assert (info.montant_total, info.montant_dons, info.dons_sans_valeur) == (1000, 0, 4)


def test_l_import_reconnait_chaque_origine_et_destination():
    """Un export relu par l'import : « Don reçu » et la reprise pour réemploi compris."""
    assert set(SYNONYMES["origine"]) == set(Origine.values)
    assert set(SYNONYMES["destination_fin"]) == set(Destination.values)
