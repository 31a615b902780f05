import pytest

from strategie_nr.fiches.models import CommentaireFiche
from strategie_nr.fiches.tests.factories import (
    CommentaireFicheFactory,
    FeuilleDeRouteFactory,
    FicheActionFactory,
    VersionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fabrique", [FeuilleDeRouteFactory, VersionFactory, FicheActionFactory])
def test_fabriques_de_la_feuille_de_route_valides(fabrique):
    fabrique().full_clean()


def test_commentaire_du_responsable_sur_la_lignee_de_la_fiche():
    commentaire = CommentaireFicheFactory()
    commentaire.full_clean()
    fiche = commentaire.fiche
    assert commentaire.collectivite == fiche.version.feuille_de_route.collectivite
    assert (commentaire.lignee, commentaire.version) == (fiche.lignee, fiche.version)
    assert commentaire.auteur == fiche.responsable
    assert list(fiche.commentaires.all()) == [commentaire]
    assert not commentaire.mentions.exists()


def test_commentaire_avec_mention_d_un_membre_de_la_collectivite():
    commentaire = CommentaireFicheFactory(avec_mention=True)
    commentaire.full_clean()
    mentionne = commentaire.mentions.get()
    assert mentionne.collectivite == commentaire.collectivite
    assert mentionne != commentaire.auteur


def test_commentaire_d_une_fiche_retiree_garde_sa_lignee():
    commentaire = CommentaireFicheFactory(fiche_retiree=True)
    commentaire.full_clean()
    assert commentaire.fiche is None and commentaire.version is None
    assert commentaire.auteur.collectivite == commentaire.collectivite
    assert (
        CommentaireFiche.objects.for_collectivite(commentaire.collectivite)
        .filter(lignee=commentaire.lignee)
        .get()
        == commentaire
    )
