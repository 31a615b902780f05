from decimal import Decimal as D

from indicateurs.avancement import avancement
from indicateurs.enums import Avancement, Sens


def statut(**kwargs):
    arguments = {
        "sens": Sens.HAUSSE,
        "annee_cible": 2027,
        "valeur_cible": D(100),
        "annee_courante": 2025,
    }
    arguments.update(kwargs)
    return avancement(**arguments)[0]


def test_sans_donnee():
    assert statut(mesures={}) == Avancement.SANS_DONNEE
    assert statut(mesures={2028: D(200)}) == Avancement.SANS_DONNEE  # après l'échéance


def test_atteint_selon_le_sens():
    assert statut(mesures={2024: D(100)}) == Avancement.ATTEINT
    assert statut(sens=Sens.BAISSE, valeur_cible=D(10), mesures={2024: D(9)}) == Avancement.ATTEINT
    assert statut(sens=Sens.BAISSE, valeur_cible=D(10), mesures={2024: D(11)}) != Avancement.ATTEINT


def test_trajectoire_depuis_la_reference():
    # De 0 en 2023 à 100 en 2027 : on attend 50 en 2025.
    base = (2023, D(0))
    assert statut(base=base, mesures={2025: D(50)}) == Avancement.EN_BONNE_VOIE
    assert statut(base=base, mesures={2025: D(49)}) == Avancement.EN_RETARD
    # En baisse : de 100 en 2023 à 20 en 2027, on attend 60 en 2025.
    baisse = {"sens": Sens.BAISSE, "valeur_cible": D(20), "base": (2023, D(100))}
    assert statut(mesures={2025: D(60)}, **baisse) == Avancement.EN_BONNE_VOIE
    assert statut(mesures={2025: D(61)}, **baisse) == Avancement.EN_RETARD


def test_premiere_mesure_faute_de_reference():
    assert statut(mesures={2023: D(0), 2025: D(60)}) == Avancement.EN_BONNE_VOIE
    assert statut(mesures={2023: D(0), 2025: D(10)}) == Avancement.EN_RETARD
    assert statut(mesures={2025: D(10)}) == Avancement.EN_BONNE_VOIE


def test_echeance_passee_sans_atteindre():
    assert statut(annee_courante=2028, mesures={2026: D(90)}) == Avancement.EN_RETARD
    assert statut(mesures={2027: D(90)}) == Avancement.EN_RETARD


def test_derniere_valeur_retenue():
    resultat = avancement(
        sens=Sens.HAUSSE,
        annee_cible=2027,
        valeur_cible=D(100),
        annee_courante=2025,
        mesures={2023: D(10), 2024: D(40), 2029: D(500)},
    )
    assert resultat == (Avancement.EN_BONNE_VOIE, 2024, D(40))
