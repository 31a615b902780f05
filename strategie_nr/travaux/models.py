"""Modèles : les travaux longs (PDF, exports, imports) confiés aux processus de tâches."""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse

from collectivites.models import Collectivite, Membre
from strategie_nr.plateforme.locataire import LocataireQuerySet, ModeleLocataire

from .enums import NatureTravail, StatutTravail


class TravailQuerySet(LocataireQuerySet):
    def vivants(self):
        """En attente, en cours ou terminés : ceux qu'une nouvelle demande identique reprend."""
        return self.exclude(statut=StatutTravail.ECHOUE)


class Travail(ModeleLocataire):
    """Un document ou un traitement demandé par un membre et produit par un processus de tâches.

    L'empreinte est celle du contenu demandé (le HTML d'un PDF, le fichier d'un import…) : une
    deuxième demande du même contenu reprend le travail existant, prêt ou en cours, au lieu
    d'en lancer un autre.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    collectivite = models.ForeignKey(
        Collectivite,
        on_delete=models.CASCADE,
        related_name="travaux",
        verbose_name="collectivité",
    )
    demandeur = models.ForeignKey(
        Membre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="travaux",
        verbose_name="demandé par",
    )
    nature = models.CharField("nature", max_length=30, choices=NatureTravail.choices)
    libelle = models.CharField("libellé", max_length=200)
    empreinte = models.CharField("empreinte du contenu", max_length=64, blank=True)
    parametres = models.JSONField("paramètres", default=dict, blank=True)
    source = models.TextField("contenu à produire", blank=True)
    statut = models.CharField(
        "statut", max_length=20, choices=StatutTravail.choices, default=StatutTravail.EN_ATTENTE
    )
    tentatives = models.PositiveSmallIntegerField("tentatives", default=0)
    message = models.TextField("message", blank=True)
    contenu = models.BinaryField("fichier produit", null=True, blank=True)
    nom_fichier = models.CharField("nom du fichier", max_length=200, blank=True)
    type_contenu = models.CharField("type du fichier", max_length=100, blank=True)
    lien_resultat = models.CharField("page du résultat", max_length=200, blank=True)
    cree_le = models.DateTimeField("demandé le", auto_now_add=True)
    commence_le = models.DateTimeField("commencé le", null=True, blank=True)
    termine_le = models.DateTimeField("terminé le", null=True, blank=True)

    objects = TravailQuerySet.as_manager()

    class Meta:
        verbose_name = "travail en arrière-plan"
        verbose_name_plural = "travaux en arrière-plan"
        ordering = ["-cree_le"]
        constraints = [
            models.UniqueConstraint(
                fields=["collectivite", "nature", "empreinte"],
                condition=~Q(statut=StatutTravail.ECHOUE) & ~Q(empreinte=""),
                name="travail_unique_par_empreinte",
            ),
            models.CheckConstraint(
                condition=Q(nature__in=NatureTravail.values), name="travail_nature_connue"
            ),
            models.CheckConstraint(
                condition=Q(statut__in=StatutTravail.values), name="travail_statut_connu"
            ),
            models.CheckConstraint(
                condition=~Q(statut=StatutTravail.TERMINE)
                | Q(contenu__isnull=False)
                | ~Q(lien_resultat=""),
                name="travail_termine_a_un_resultat",
            ),
        ]
        indexes = [models.Index(fields=["collectivite", "nature", "statut"])]

    def __str__(self):
        return f"{self.libelle} — {self.get_statut_display().lower()}"

    def get_absolute_url(self):
        return reverse("travaux:suivi", kwargs={"pk": self.pk})

    @property
    def en_cours(self) -> bool:
        return self.statut in (StatutTravail.EN_ATTENTE, StatutTravail.EN_COURS)

    @property
    def pret(self) -> bool:
        return self.statut == StatutTravail.TERMINE

    @property
    def s_ouvre_tout_seul(self) -> bool:
        """Prêt, le fichier (ou le document) s'ouvre sans clic ; le compte rendu d'un import se
        lit d'abord."""
        return self.pret and self.nature != NatureTravail.IMPORT_PARC

    @property
    def echoue(self) -> bool:
        return self.statut == StatutTravail.ECHOUE
