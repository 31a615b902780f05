"""Calcul des notes de maturité : fonctions pures, sans base de données.

Note d'une dimension : moyenne de ses questions notées (« non concerné » et sans réponse
exclus), arrondie au dixième. Note globale : moyenne des notes des dimensions notées, telles
qu'affichées au dixième, arrondie au dixième : chacun peut la refaire à partir du tableau
(c'est ainsi que la grille de l'ANCT obtient 2,3 à partir de 3,0 ; 1,0 ; 3,5 ; 2,0 ; 2,4 ;
1,7 ; 2,5). Les arrondis se font au plus proche, le demi vers le haut, comme à la main.
"""

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

UN_DIXIEME = Decimal("0.1")


def arrondir(valeur: Decimal | None) -> Decimal | None:
    return None if valeur is None else Decimal(valeur).quantize(UN_DIXIEME, ROUND_HALF_UP)


def moyenne(valeurs: Iterable) -> Decimal | None:
    retenues = [Decimal(str(v)) for v in valeurs if v is not None]
    if not retenues:
        return None
    return sum(retenues) / len(retenues)


def note_dimension(valeurs: Iterable) -> Decimal | None:
    return arrondir(moyenne(valeurs))


def note_globale(notes_dimensions: Iterable) -> Decimal | None:
    return arrondir(moyenne(notes_dimensions))


def notes(valeurs_par_dimension: Mapping) -> tuple[dict, Decimal | None]:
    """{dimension: [valeurs des questions]} → ({dimension: note ou None}, note globale)."""
    par_dimension = {cle: note_dimension(v) for cle, v in valeurs_par_dimension.items()}
    return par_dimension, note_globale(par_dimension.values())


def niveau_propose(moyenne_individuelle: Decimal | None) -> int | None:
    """Le niveau entier du baromètre le plus proche de la moyenne des réponses."""
    if moyenne_individuelle is None:
        return None
    return int(Decimal(moyenne_individuelle).quantize(Decimal(1), ROUND_HALF_UP))
