"""Lectures : les pièces d'un objet, avec ce que le membre peut en faire."""

from .enums import Rattachement
from .models import PieceJustificative
from .perms import peut_supprimer_piece


def _avec_droits(pieces, membre) -> list[PieceJustificative]:
    pieces = list(pieces)
    for piece in pieces:
        piece.supprimable = peut_supprimer_piece(membre, piece)
    return pieces


def _base(collectivite):
    return PieceJustificative.objects.for_collectivite(collectivite).select_related(
        "ajoute_par__utilisateur", "version", "fiche__version"
    )


def pieces_du_programme(collectivite, membre) -> list[PieceJustificative]:
    return _avec_droits(_base(collectivite).filter(rattachement=Rattachement.PROGRAMME), membre)


def pieces_de_version(collectivite, version, membre) -> list[PieceJustificative]:
    return _avec_droits(_base(collectivite).filter(version=version), membre)


def pieces_de_fiche(collectivite, fiche, membre) -> list[PieceJustificative]:
    """Les pièces de la fiche dans toutes ses versions (même identifiant stable) : celles de la
    version affichée d'abord, puis celles des autres versions, chacune avec sa version."""
    pieces = _avec_droits(
        _base(collectivite).filter(rattachement=Rattachement.FICHE, fiche__lignee=fiche.lignee),
        membre,
    )
    return sorted(pieces, key=lambda p: p.fiche_id != fiche.pk)
