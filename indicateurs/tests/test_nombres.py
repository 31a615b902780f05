from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicateurs.enums import Unite
from indicateurs.nombres import NombreInvalide, afficher, lire_nombre, lire_valeur, saisie


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("1 234,5", "1234.5"),
        ("1\u00a0234,5", "1234.5"),
        ("1\u202f234", "1234"),
        ("12 %", "12"),
        ("12,5%", "12.5"),
        ("1.234,5", "1234.5"),
        ("12.5", "12.5"),
        ("1.234.567", "1234567"),
        ("  7 ", "7"),
        ("1 500 €", "1500"),
        ("-3", "-3"),
    ],
)
def test_nombres_a_la_francaise(texte, attendu):
    assert lire_nombre(texte) == Decimal(attendu)


@pytest.mark.parametrize("texte", ["", "abc", "1,2,3", "12 % 3", "1e5", "nan", "∞", "1/2", "--1"])
def test_nombres_refuses(texte):
    with pytest.raises(NombreInvalide, match="Saisissez un nombre"):
        lire_nombre(texte)


def test_bornes_selon_l_unite():
    assert lire_valeur("100 %", Unite.POURCENTAGE) == 100
    with pytest.raises(NombreInvalide, match="entre 0 et 100"):
        lire_valeur("120", Unite.POURCENTAGE)
    with pytest.raises(NombreInvalide, match="négative"):
        lire_valeur("-1", Unite.NOMBRE)
    assert lire_valeur("Oui", Unite.OUI_NON) == 1 and lire_valeur("non", Unite.OUI_NON) == 0
    with pytest.raises(NombreInvalide, match="oui"):
        lire_valeur("peut-être", Unite.OUI_NON)
    with pytest.raises(NombreInvalide, match="trop grand"):
        lire_valeur("1" + "0" * 20, Unite.EUROS)
    with pytest.raises(NombreInvalide, match="décimales"):
        lire_valeur("1,123456", Unite.KG)


def test_affichage_francais():
    assert afficher(Decimal("1234.5"), Unite.POURCENTAGE, 1) == "1\u202f234,5\u00a0%"
    assert afficher(Decimal("3"), Unite.NOMBRE) == "3"
    assert afficher(Decimal("5.25"), Unite.ANNEES, 1) == "5,3\u00a0ans"
    assert afficher(None, Unite.KG) == "—"
    assert afficher(Decimal(1), Unite.OUI_NON) == "oui"
    assert saisie(Decimal("1234.5000"), Unite.EUROS) == "1234,5"


@given(st.text(max_size=40), st.sampled_from(list(Unite)))
def test_toute_saisie_donne_une_valeur_ou_un_message(texte, unite):
    """Quoi qu'on tape, on obtient une valeur plausible pour l'unité ou un message clair."""
    try:
        valeur = lire_valeur(texte, unite)
    except NombreInvalide as erreur:
        assert str(erreur)
    else:
        assert valeur >= 0 and abs(valeur) < Decimal("1e11")
        if unite == Unite.POURCENTAGE:
            assert valeur <= 100


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_aller_retour_saisie(valeur):
    assert lire_valeur(saisie(valeur, Unite.EUROS), Unite.EUROS) == valeur
