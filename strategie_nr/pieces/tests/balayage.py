"""URL des pièces justificatives pour le balayage d'isolation."""

import uuid

from django.core.files.base import ContentFile

from strategie_nr.fiches.models import FicheAction, VersionFeuilleDeRoute
from strategie_nr.pieces.demo import pdf_une_page
from strategie_nr.pieces.enums import Rattachement
from strategie_nr.pieces.models import PieceJustificative
from strategie_nr.pieces.services import piece_ajouter


def _fiche(d):
    return FicheAction.objects.for_collectivite(d.commune).order_by("pk").first()


def _version(d):
    return VersionFeuilleDeRoute.objects.for_collectivite(d.commune).order_by("pk").first()


def _piece(d):
    """Une pièce du programme de la commune (celle de la démonstration), supprimable."""
    return (
        PieceJustificative.objects.for_collectivite(d.commune)
        .filter(rattachement=Rattachement.PROGRAMME)
        .order_by("ajoute_le")
        .first()
        .pk
    )


PARAMETRES = {
    "pieces:ajouter_version": lambda d: {"pk": _version(d).pk},
    "pieces:ajouter_fiche": lambda d: {"pk": _fiche(d).pk},
    "pieces:telecharger": lambda d: {"pk": _piece(d)},
    "pieces:supprimer": lambda d: {"pk": _piece(d)},
}

SANS_OBJET_DE_COLLECTIVITE = {"pieces:ajouter_programme"}


def grossir(d):
    """Plus de pièces sur le programme, la version et la fiche des pages balayées."""
    cibles = [{}, {"version": _version(d)}, {"fiche": _fiche(d)}]
    for rang in range(9):
        piece_ajouter(
            collectivite=d.commune,
            auteur=d.referent,
            fichier=ContentFile(pdf_une_page(f"Pièce {rang}", ["Ajoutée"]), name=f"p{rang}.pdf"),
            nature="autre",
            jeton=uuid.uuid4(),
            **cibles[rang % 3],
        )
