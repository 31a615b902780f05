"""Écritures : ajouter une pièce (type vérifié au contenu, une seule fois par dépôt), la
supprimer (jamais celle d'une version validée).

Le fichier et sa ligne en base vont ensemble : le fichier est rangé d'abord, puis la ligne
enregistrée dans une transaction qui est la plus extérieure (`durable`) ; si elle échoue, le
fichier est effacé. Une suppression efface la ligne, puis le fichier une fois la transaction
validée.
"""

import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from strategie_nr.fiches.models import FicheAction, VersionFeuilleDeRoute
from strategie_nr.plateforme.enums import ActionHistorique
from strategie_nr.plateforme.services import historique_enregistrer

from .enums import Rattachement
from .fichiers import FichierRefuse, empreinte, nom_assaini, taille_lisible, type_du_fichier
from .models import PieceJustificative
from .perms import peut_ajouter_piece

logger = logging.getLogger(__name__)


def taille_max() -> int:
    return settings.PIECES_TAILLE_MAX


def message_taille(taille: int | None = None) -> str:
    return (
        f"Le fichier dépasse la taille maximale de {taille_lisible(taille or taille_max())} par "
        "pièce : réduisez-le (PDF compressé, images moins lourdes) ou découpez-le en plusieurs "
        "pièces."
    )


def _stockage():
    """Le stockage du champ `fichier` (le stockage `pieces` des réglages)."""
    return PieceJustificative._meta.get_field("fichier").storage


def _rattachement(collectivite, version, fiche) -> str:
    if version is not None and fiche is not None:
        raise ValueError("Une pièce est jointe à une version ou à une fiche, pas aux deux.")
    if version is not None:
        if version.feuille_de_route.collectivite_id != collectivite.pk:
            raise ValidationError("Cette version n'appartient pas à votre collectivité.")
        return Rattachement.VERSION
    if fiche is not None:
        if fiche.version.feuille_de_route.collectivite_id != collectivite.pk:
            raise ValidationError("Cette fiche n'appartient pas à votre collectivité.")
        return Rattachement.FICHE
    return Rattachement.PROGRAMME


def piece_ajouter(
    *,
    collectivite,
    auteur,
    fichier,
    nature: str,
    jeton: uuid.UUID,
    description: str = "",
    version: VersionFeuilleDeRoute | None = None,
    fiche: FicheAction | None = None,
) -> tuple[PieceJustificative, bool]:
    """Range le fichier et enregistre la pièce ; rend `(pièce, créée)`.

    Un second envoi du même dépôt (même `jeton`, un double clic) rend la pièce déjà créée
    sans rien ranger de plus. Refuse (ValidationError, en français) un fichier vide, trop gros
    ou d'un type non accepté, reconnu à son contenu.
    """
    rattachement = _rattachement(collectivite, version, fiche)
    if not peut_ajouter_piece(auteur, rattachement=rattachement, objet=fiche):
        if rattachement == Rattachement.FICHE:
            raise ValidationError(
                "Seuls le responsable de la fiche et le référent y joignent des pièces."
            )
        raise ValidationError("Votre rôle ne permet pas de joindre des pièces.")
    existante = PieceJustificative.objects.for_collectivite(collectivite).filter(jeton=jeton)
    if existante.exists():
        return existante.get(), False
    if fichier.size is not None and fichier.size > taille_max():
        raise ValidationError({"fichier": message_taille()})
    try:
        type_fichier = type_du_fichier(fichier)
    except FichierRefuse as refus:
        raise ValidationError({"fichier": refus.message}) from refus
    piece = PieceJustificative(
        collectivite=collectivite,
        rattachement=rattachement,
        version=version,
        fiche=fiche,
        nature=nature,
        description=" ".join((description or "").split()),
        nom_fichier=nom_assaini(fichier.name, type_fichier),
        type_mime=type_fichier.mime,
        taille=fichier.size,
        empreinte=empreinte(fichier),
        ajoute_par=auteur,
        jeton=jeton,
    )
    piece.full_clean(exclude=["fichier"], validate_constraints=False)
    try:
        piece.fichier.save(piece.nom_fichier, fichier, save=False)
    except Exception as erreur:  # disque plein, stockage objet injoignable…
        logger.exception("Pièce justificative non rangée dans le stockage")
        raise ValidationError(
            {
                "fichier": "Le fichier n'a pas pu être enregistré (stockage indisponible) : "
                "rien n'a été joint. Réessayez dans quelques minutes."
            }
        ) from erreur
    try:
        with transaction.atomic(durable=True):
            piece.save(force_insert=True)
            _historique(piece, auteur=auteur, action=ActionHistorique.CREATION)
    except IntegrityError:
        _effacer(piece.fichier.name)
        deja = PieceJustificative.objects.for_collectivite(collectivite).filter(jeton=jeton).first()
        if deja is None:
            raise
        return deja, False
    except BaseException:
        _effacer(piece.fichier.name)
        raise
    return piece, True


def _historique(piece, *, auteur, action: str) -> None:
    """Une pièce jointe ou retirée entre dans l'historique commun : quoi, à quoi, par qui."""
    historique_enregistrer(
        collectivite=piece.collectivite_id,
        auteur=auteur,
        action=action,
        objet=piece,
        resume=f"{piece.get_nature_display()}, "
        + ("jointe à : " if action == ActionHistorique.CREATION else "retirée de : ")
        + piece.get_rattachement_display(),
    )


def _effacer(nom: str) -> None:
    try:
        _stockage().delete(nom)
    except OSError:
        logger.exception("Pièce justificative : fichier %s non effacé", nom)


@transaction.atomic
def piece_supprimer(*, piece: PieceJustificative, auteur) -> None:
    """Supprime la pièce (le fichier suit, une fois la suppression validée). Refuse celle d'une
    version validée ou d'une de ses fiches : elle est conservée pour toujours."""
    piece = (
        PieceJustificative.objects.select_for_update(of=("self",))
        .select_related("version", "fiche__version")
        .get(pk=piece.pk)
    )
    version = piece.version_concernee
    if version is not None:
        # La version est verrouillée : une validation simultanée attend la fin de la suppression.
        version = VersionFeuilleDeRoute.objects.select_for_update().get(pk=version.pk)
        if version.est_validee:
            raise ValidationError(
                f"« {piece.nom_fichier} » est jointe à la version {version.libelle}, validée : "
                "les pièces d'une version validée sont conservées et ne peuvent pas être "
                "supprimées."
            )
    if not peut_ajouter_piece(auteur, rattachement=piece.rattachement, objet=piece.fiche):
        raise ValidationError("Votre rôle ne permet pas de supprimer cette pièce.")
    nom = piece.fichier.name
    _historique(piece, auteur=auteur, action=ActionHistorique.SUPPRESSION)
    piece.delete()
    transaction.on_commit(lambda: _effacer(nom))
