"""Calculs de la comparaison, comparés à des valeurs faites à la main."""

from decimal import Decimal

import pytest

from strategie_nr.comparaison.enums import Strate, strate_de
from strategie_nr.comparaison.statistiques import (
    groupes_publiables,
    position,
    quartiles,
    tranche_effectif,
)


def test_quartiles_interpoles_entre_les_valeurs_rangees():
    # Positions 0,25 × 4 = 1, 0,5 × 4 = 2, 0,75 × 4 = 3 : deuxième, troisième, quatrième valeur.
    assert quartiles([5, 1, 4, 2, 3]) == (2, 3, 4)
    # Positions 0,75 ; 1,5 ; 2,25 : 1 + 0,75 × 1 ; 2 + 0,5 × 1 ; 3 + 0,25 × 1.
    assert quartiles([4, 3, 2, 1]) == (Decimal("1.75"), Decimal("2.5"), Decimal("3.25"))


def test_un_groupe_de_moins_de_cinq_n_est_pas_publie():
    assert groupes_publiables({"toutes": {1, 2, 3, 4}}) == []
    assert groupes_publiables({"toutes": {1, 2, 3, 4, 5}}) == ["toutes"]


@pytest.mark.parametrize("ecart", [1, 2, 3, 4])
def test_un_sous_groupe_qui_isole_une_a_quatre_collectivites_n_est_pas_publie(ecart):
    toutes = set(range(10 + ecart))
    sous_groupe = set(range(10))
    assert groupes_publiables({"toutes": toutes, "communes": sous_groupe}) == ["toutes"]


def test_deux_groupes_qui_different_de_cinq_au_moins_sont_publies():
    groupes = {"toutes": set(range(15)), "communes": set(range(10)), "grandes": set(range(5, 15))}
    assert groupes_publiables(groupes) == ["toutes", "communes", "grandes"]


def test_deux_groupes_qui_se_chevauchent_a_une_pres_ne_sont_pas_publies_ensemble():
    # Ni A − B ni B − A ne peut compter d'une à quatre collectivités.
    groupes = {"communes": set(range(10)), "grandes": set(range(1, 11))}
    assert groupes_publiables(groupes) == ["communes"]


def test_des_groupes_identiques_ne_revelent_rien_de_plus():
    groupes = {"toutes": set(range(7)), "communes": set(range(7))}
    assert groupes_publiables(groupes) == ["toutes", "communes"]


def test_l_effectif_n_est_donne_que_par_tranche():
    assert tranche_effectif(5) == tranche_effectif(9) == "5 à 9 collectivités"
    assert tranche_effectif(12) == "10 à 19 collectivités"
    assert tranche_effectif(250) == "50 collectivités ou plus"
    with pytest.raises(ValueError):
        tranche_effectif(4)


def test_position_en_mots():
    q = (Decimal(2), Decimal(3), Decimal(4))
    assert position(Decimal(1), *q) == "sous le premier quartile"
    assert position(Decimal("2.5"), *q) == "entre le premier quartile et la médiane"
    assert position(Decimal(3), *q) == "à la médiane"
    assert position(Decimal("3.5"), *q) == "entre la médiane et le troisième quartile"
    assert position(Decimal(5), *q) == "au-dessus du troisième quartile"
    assert position(None, *q) == "pas de valeur"


def test_strates_de_population():
    assert strate_de(19_999) == Strate.MOINS_DE_20000
    assert strate_de(50_000) == Strate.DE_20000_A_50000
    assert strate_de(50_001) == Strate.DE_50001_A_100000
    assert strate_de(100_001) == Strate.PLUS_DE_100000
