from decimal import Decimal

from strategie_nr.diagnostic import scores


def D(texte):
    return Decimal(texte)


def test_tableau_de_la_grille_anct():
    """Le tableau de la semence : 3,0 ; 1,0 ; 3,5 ; 2,0 ; 2,4 ; 1,7 ; 2,5 → 2,3."""
    notes = [D("3.0"), D("1.0"), D("3.5"), D("2.0"), D("2.4"), D("1.7"), D("2.5")]
    assert scores.note_globale(notes) == D("2.3")


def test_notes_calculees_depuis_les_questions():
    par_dimension, globale = scores.notes(
        {
            1: [3, 3, 3, 3, 3],
            2: [1, 1, 1, 1],
            3: [4, 3, 4, 3],
            4: [2, 2, 2, 2, 2],
            5: [2, 2, 3, 3, 2],
            6: [1, 2, 2],
            7: [2, 3, 2, 3],
        }
    )
    assert [str(par_dimension[n]) for n in range(1, 8)] == [
        "3.0",
        "1.0",
        "3.5",
        "2.0",
        "2.4",
        "1.7",
        "2.5",
    ]
    assert globale == D("2.3")


def test_non_concerne_et_sans_reponse_exclus():
    # None représente « non concerné » comme l'absence de réponse.
    par_dimension, globale = scores.notes({1: [4, None, 2], 2: [None, None], 3: [5]})
    assert par_dimension == {1: D("3.0"), 2: None, 3: D("5.0")}
    # La dimension sans note ne compte pas : (3,0 + 5,0) / 2.
    assert globale == D("4.0")


def test_aucune_note():
    assert scores.notes({1: [], 2: [None]}) == ({1: None, 2: None}, None)


def test_arrondi_au_plus_proche_le_demi_vers_le_haut():
    assert scores.note_dimension([2, 3, 3, 2]) == D("2.5")
    assert scores.note_dimension([1, 2, 2]) == D("1.7")  # 1,666…
    assert scores.note_dimension([D("2.25")]) == D("2.3")
    assert scores.note_globale([D("2.2"), D("2.3")]) == D("2.3")  # 2,25


def test_niveau_propose_par_la_moyenne():
    assert scores.niveau_propose(None) is None
    assert scores.niveau_propose(D("2.5")) == 3
    assert scores.niveau_propose(D("2.49")) == 2
    assert scores.niveau_propose(D("4.75")) == 5
