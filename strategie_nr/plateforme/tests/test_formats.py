import datetime
from decimal import Decimal

from strategie_nr.plateforme import formats


def test_nombres_et_montants():
    assert formats.nombre(Decimal("1234.5")) == "1\u202f234,5"
    assert formats.nombre(Decimal("58.0")) == "58"
    assert formats.nombre(Decimal("0.875"), 2) == "0,88"
    assert formats.montant(Decimal("12500.00")) == "12\u202f500\u00a0€"
    assert formats.montant(Decimal("1234.50")) == "1\u202f234,5\u00a0€"
    assert formats.montant(None) == "—"
    assert formats.annee(2026) == "2026"


def test_unites():
    assert formats.valeur(Decimal("16.66"), "pourcentage", 1) == "16,7\u00a0%"
    assert formats.valeur(Decimal("3.2"), "annees", 1) == "3,2\u00a0ans"
    assert formats.valeur(Decimal("34.7"), "tco2e", 1) == "34,7\u00a0tCO2e"
    assert formats.valeur(Decimal("705"), "kgco2e", 0) == "705\u00a0kgCO2e"
    assert formats.valeur(Decimal(58), "nombre", 0) == "58"
    assert formats.valeur(Decimal(0), "oui_non") == "non"


def test_dates():
    assert formats.date_courte(datetime.date(2025, 12, 31)) == "31/12/2025"
    assert formats.date_courte("2026-03-15") == "15/03/2026"
    assert formats.date_longue(datetime.date(2025, 1, 1)) == "1er janvier 2025"
    assert formats.date_longue(datetime.datetime(2026, 3, 15, 10, 0)) == "15 mars 2026"
    assert formats.mois_annee(datetime.date(2026, 3, 1)) == "mars 2026"
    assert formats.periode_mois(datetime.date(2025, 4, 1), datetime.date(2025, 10, 1)) == (
        "d'avril 2025 à octobre 2025"
    )
    assert formats.periode_mois(datetime.date(2025, 3, 1), datetime.date(2026, 6, 1)) == (
        "de mars 2025 à juin 2026"
    )
    assert formats.date_courte(None) == "—"


def test_cellules_d_un_tableur():
    # CSV pour un tableur français : virgule décimale, pas d'espace des milliers (sinon la cellule
    # serait lue comme un texte), dates au jour près, entiers sans décimale.
    assert formats.cellule_csv(Decimal("60000.00")) == "60000"
    assert formats.cellule_csv(Decimal("1234.50")) == "1234,5"
    assert formats.cellule_csv(Decimal("-0.880")) == "-0,88"
    assert formats.cellule_csv(98.5) == "98,5"
    assert formats.cellule_csv(datetime.date(2025, 12, 31)) == "31/12/2025"
    assert formats.cellule_csv(True) == "oui"
    assert formats.cellule_csv(None) == ""
    assert formats.cellule_csv(2026) == "2026"
    # Classeur : des nombres, dont le format montre les décimales utiles seulement.
    assert formats.format_excel(150.0) == "#,##0"
    assert formats.format_excel(Decimal("0.88")) == "#,##0.0##"
