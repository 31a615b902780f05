"""Pièces justificatives : un fichier déposé par un membre, rattaché au programme de travail,
à une version de la feuille de route ou à une fiche action de sa collectivité.

Le rattachement est porté par deux clés étrangères facultatives (version, fiche) et un champ
qui dit lequel vaut : la base vérifie la cohérence des trois (contrainte), ce que ne ferait pas
une clé générique (`GenericForeignKey`). Le fichier est rangé sous un nom aléatoire dans le
stockage `pieces` (`STORAGES`), jamais servi directement.
"""

import uuid

from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse

from collectivites.models import Collectivite, Membre
from strategie_nr.fiches.models import FicheAction, VersionFeuilleDeRoute
from strategie_nr.plateforme.locataire import ModeleLocataire

from .enums import NaturePiece, Rattachement


def stockage_pieces():
    """Le stockage des pièces, lu à l'usage (les tests le remplacent par un stockage en
    mémoire, la production peut le mettre dans un stockage objet)."""
    return storages["pieces"]


def nom_de_stockage(piece, nom_original: str) -> str:
    """Un nom aléatoire, rangé par collectivité : le nom déposé n'est jamais un chemin."""
    return f"{piece.collectivite_id}/{uuid.uuid4().hex}"


class PieceJustificative(ModeleLocataire):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    collectivite = models.ForeignKey(
        Collectivite,
        on_delete=models.CASCADE,
        related_name="pieces_justificatives",
        verbose_name="collectivité",
    )
    rattachement = models.CharField("jointe à", max_length=20, choices=Rattachement.choices)
    version = models.ForeignKey(
        VersionFeuilleDeRoute,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pieces",
        verbose_name="version de la feuille de route",
    )
    fiche = models.ForeignKey(
        FicheAction,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pieces",
        verbose_name="fiche action",
    )
    nature = models.CharField("nature", max_length=20, choices=NaturePiece.choices)
    description = models.CharField("description", max_length=300, blank=True)
    fichier = models.FileField(
        "fichier", storage=stockage_pieces, upload_to=nom_de_stockage, max_length=200
    )
    nom_fichier = models.CharField("nom du fichier", max_length=160)
    type_mime = models.CharField("type du fichier", max_length=100)
    taille = models.PositiveIntegerField("taille (octets)")
    empreinte = models.CharField("empreinte SHA-256", max_length=64)
    ajoute_par = models.ForeignKey(
        Membre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ajoutée par",
    )
    ajoute_le = models.DateTimeField("ajoutée le", auto_now_add=True)
    # Jeton du formulaire de dépôt : un double clic (deux envois du même formulaire) ne crée
    # qu'une pièce.
    jeton = models.UUIDField("jeton du dépôt")

    class Meta:
        verbose_name = "pièce justificative"
        verbose_name_plural = "pièces justificatives"
        ordering = ["-ajoute_le", "nom_fichier"]
        constraints = [
            models.UniqueConstraint(fields=["collectivite", "jeton"], name="piece_jeton_unique"),
            models.CheckConstraint(
                condition=(
                    Q(
                        rattachement=Rattachement.PROGRAMME,
                        version__isnull=True,
                        fiche__isnull=True,
                    )
                    | Q(
                        rattachement=Rattachement.VERSION,
                        version__isnull=False,
                        fiche__isnull=True,
                    )
                    | Q(
                        rattachement=Rattachement.FICHE,
                        version__isnull=True,
                        fiche__isnull=False,
                    )
                ),
                name="piece_rattachement_coherent",
            ),
            models.CheckConstraint(
                condition=Q(nature__in=NaturePiece.values), name="piece_nature_connue"
            ),
            models.CheckConstraint(condition=Q(taille__gt=0), name="piece_non_vide"),
            models.CheckConstraint(condition=~Q(fichier=""), name="piece_avec_fichier"),
        ]
        indexes = [models.Index(fields=["collectivite", "rattachement"])]

    def __str__(self):
        return self.nom_fichier

    def get_absolute_url(self):
        return reverse("pieces:telecharger", args=[self.pk])

    @property
    def version_concernee(self) -> VersionFeuilleDeRoute | None:
        if self.rattachement == Rattachement.VERSION:
            return self.version
        if self.rattachement == Rattachement.FICHE:
            return self.fiche.version
        return None

    @property
    def conservee(self) -> bool:
        """Jointe à une version validée (ou à une de ses fiches) : gardée pour toujours."""
        version = self.version_concernee
        return version is not None and version.est_validee
