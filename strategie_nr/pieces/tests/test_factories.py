import hashlib
import io

import pytest

from strategie_nr.pieces.enums import NaturePiece, Rattachement
from strategie_nr.pieces.fichiers import type_du_fichier
from strategie_nr.pieces.tests.factories import PieceJustificativeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "traits, rattachement",
    [
        ({}, Rattachement.PROGRAMME),
        ({"au_programme": True}, Rattachement.PROGRAMME),
        ({"a_une_version": True}, Rattachement.VERSION),
        ({"a_une_fiche": True}, Rattachement.FICHE),
    ],
)
def test_piece_rattachee_dans_sa_collectivite(traits, rattachement):
    piece = PieceJustificativeFactory(**traits)
    piece.full_clean()
    assert piece.rattachement == rattachement
    assert piece.ajoute_par.collectivite == piece.collectivite
    if rattachement == Rattachement.VERSION:
        assert piece.version.feuille_de_route.collectivite == piece.collectivite
        assert piece.version_concernee == piece.version
    if rattachement == Rattachement.FICHE:
        assert piece.fiche.version.feuille_de_route.collectivite == piece.collectivite
        assert piece.version_concernee == piece.fiche.version
    if rattachement == Rattachement.PROGRAMME:
        assert piece.version_concernee is None


@pytest.mark.parametrize(
    "traits, type_mime, nature",
    [
        ({}, "application/pdf", NaturePiece.DELIBERATION),
        ({"image": True}, "image/png", NaturePiece.AUTRE),
    ],
)
def test_le_fichier_est_dans_le_stockage_avec_sa_taille_et_son_empreinte(
    stockage_vide, traits, type_mime, nature
):
    piece = PieceJustificativeFactory(**traits)
    piece.full_clean()
    assert stockage_vide.exists(piece.fichier.name)
    assert piece.fichier.name.startswith(f"{piece.collectivite_id}/")
    with piece.fichier.open("rb") as fichier:
        contenu = fichier.read()
    assert len(contenu) == piece.taille
    assert hashlib.sha256(contenu).hexdigest() == piece.empreinte
    assert piece.type_mime == type_mime and piece.nature == nature
    assert type_du_fichier(io.BytesIO(contenu)).mime == type_mime
