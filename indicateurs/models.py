"""Indicateurs (définitions communes ou propres), suivi par une collectivité, objectifs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from collectivites.models import Collectivite, Membre
from strategie_nr.plateforme.locataire import LocataireQuerySet, ModeleLocataire, ModeleRattache
from strategie_nr.referentiel.models import Axe

from .enums import Mode, Periodicite, Sens, Unite

CHIFFRES = {"max_digits": 16, "decimal_places": 4}


class DefinitionQuerySet(LocataireQuerySet):
    def disponibles_pour(self, collectivite):
        """Les définitions du référentiel et celles propres à cette collectivité."""
        return self.filter(Q(collectivite__isnull=True) | Q(collectivite=collectivite))


class DefinitionIndicateur(ModeleLocataire):
    """Ce que mesure un indicateur. Sans collectivité : référentiel commun (admin)."""

    collectivite = models.ForeignKey(
        Collectivite,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="definitions_indicateurs",
        verbose_name="collectivité (vide : référentiel commun)",
    )
    cle = models.CharField(
        "clé du référentiel", max_length=80, blank=True, help_text="Stable, pour le chargement."
    )
    axe = models.ForeignKey(Axe, on_delete=models.PROTECT, verbose_name="axe REEN")
    libelle = models.CharField("libellé", max_length=400)
    unite = models.CharField("unité", max_length=20, choices=Unite.choices)
    sens = models.CharField("sens", max_length=10, choices=Sens.choices, default=Sens.HAUSSE)
    precision = models.PositiveSmallIntegerField(
        "décimales affichées", default=0, help_text="De 0 à 3."
    )
    mode = models.CharField("obtention", max_length=10, choices=Mode.choices, default=Mode.SAISI)
    code_calcul = models.CharField("indicateur calculé", max_length=80, blank=True)
    origine = models.CharField("origine", max_length=200, blank=True)

    objects = DefinitionQuerySet.as_manager()

    class Meta:
        verbose_name = "définition d'indicateur"
        verbose_name_plural = "définitions d'indicateurs"
        ordering = ["axe__numero", "libelle"]
        constraints = [
            models.UniqueConstraint(
                fields=["cle"], condition=~Q(cle=""), name="definition_cle_unique"
            ),
            models.CheckConstraint(
                condition=Q(precision__lte=3), name="definition_precision_bornee"
            ),
            models.CheckConstraint(
                condition=Q(mode=Mode.SAISI, code_calcul="")
                | (Q(mode=Mode.CALCULE) & ~Q(code_calcul="")),
                name="definition_calcul_coherent",
            ),
            models.CheckConstraint(
                condition=Q(unite__in=Unite.values), name="definition_unite_connue"
            ),
        ]

    def __str__(self):
        return self.libelle


class IndicateurSuivi(ModeleLocataire):
    """Un indicateur que la collectivité suit, avec son responsable et sa situation de départ."""

    collectivite = models.ForeignKey(
        Collectivite, on_delete=models.CASCADE, related_name="indicateurs_suivis"
    )
    definition = models.ForeignKey(
        DefinitionIndicateur, on_delete=models.PROTECT, related_name="suivis"
    )
    responsable = models.ForeignKey(
        Membre,
        on_delete=models.SET_NULL,
        null=True,
        related_name="indicateurs_responsable",
        verbose_name="responsable",
    )
    annee_base = models.PositiveSmallIntegerField("année de référence", null=True, blank=True)
    valeur_base = models.DecimalField("valeur de référence", null=True, blank=True, **CHIFFRES)
    cree_le = models.DateTimeField("suivi depuis", auto_now_add=True)

    class Meta:
        verbose_name = "indicateur suivi"
        verbose_name_plural = "indicateurs suivis"
        ordering = ["definition__axe__numero", "definition__libelle"]
        constraints = [
            models.UniqueConstraint(
                fields=["collectivite", "definition"], name="indicateur_suivi_une_fois"
            ),
            models.CheckConstraint(
                condition=Q(annee_base__isnull=True, valeur_base__isnull=True)
                | Q(annee_base__isnull=False, valeur_base__isnull=False),
                name="indicateur_base_complete",
            ),
        ]

    def __str__(self):
        return self.definition.libelle

    def get_absolute_url(self):
        return reverse("indicateurs:suivi", kwargs={"pk": self.pk})


class Cible(ModeleRattache):
    suivi = models.ForeignKey(IndicateurSuivi, on_delete=models.CASCADE, related_name="cibles")
    annee = models.PositiveSmallIntegerField("année")
    valeur = models.DecimalField("valeur cible", **CHIFFRES)

    chemin_collectivite = "suivi__collectivite"

    class Meta:
        verbose_name = "cible annuelle"
        verbose_name_plural = "cibles annuelles"
        ordering = ["annee"]
        constraints = [
            models.UniqueConstraint(fields=["suivi", "annee"], name="cible_une_par_annee")
        ]

    def __str__(self):
        return f"{self.suivi} — cible {self.annee}"


class Valeur(ModeleRattache):
    """Valeur mesurée d'une année ; pour un indicateur calculé, valeur figée d'une année close."""

    suivi = models.ForeignKey(IndicateurSuivi, on_delete=models.CASCADE, related_name="valeurs")
    annee = models.PositiveSmallIntegerField("année")
    valeur = models.DecimalField("valeur mesurée", **CHIFFRES)
    source = models.CharField("source", max_length=300, blank=True)
    commentaire = models.TextField("commentaire", blank=True)
    figee = models.BooleanField("valeur calculée figée", default=False)
    saisie_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    modifiee_le = models.DateTimeField("modifiée le", auto_now=True)

    chemin_collectivite = "suivi__collectivite"

    class Meta:
        verbose_name = "valeur annuelle"
        verbose_name_plural = "valeurs annuelles"
        ordering = ["annee"]
        constraints = [
            models.UniqueConstraint(fields=["suivi", "annee"], name="valeur_une_par_annee")
        ]

    def __str__(self):
        return f"{self.suivi} — {self.annee}"


class Objectif(ModeleLocataire):
    """Un objectif de la stratégie, par axe ; mesurable quand il porte sur un indicateur suivi."""

    collectivite = models.ForeignKey(
        Collectivite, on_delete=models.CASCADE, related_name="objectifs"
    )
    axe = models.ForeignKey(Axe, on_delete=models.PROTECT, verbose_name="axe REEN")
    enonce = models.TextField(
        "objectif",
        help_text="Par exemple : « 80 % des portables conservés au moins 6 ans en 2027 ».",
    )
    periodicite = models.CharField(
        "horizon", max_length=12, choices=Periodicite.choices, default=Periodicite.PLURIANNUEL
    )
    suivi = models.ForeignKey(
        IndicateurSuivi,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objectifs",
        verbose_name="indicateur",
    )
    annee_cible = models.PositiveSmallIntegerField("année cible", null=True, blank=True)
    valeur_cible = models.DecimalField("valeur cible", null=True, blank=True, **CHIFFRES)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "objectif"
        verbose_name_plural = "objectifs"
        ordering = ["axe__numero", "ordre", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(suivi__isnull=True)
                | Q(annee_cible__isnull=False, valeur_cible__isnull=False),
                name="objectif_mesurable_complet",
            )
        ]

    def __str__(self):
        return self.enonce
