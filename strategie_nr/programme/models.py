"""Modèles : Programme de travail (prérequis du décret n° 2022-1084).

Les parties prenantes du territoire, le bilan de l'impact environnemental du numérique et la
synthèse des actions déjà engagées. Chaque ligne appartient à une collectivité ; ses
modifications sont dans l'historique commun (`strategie_nr.plateforme`).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Cast, Lower
from django.urls import reverse

from collectivites.models import Collectivite
from strategie_nr.plateforme.locataire import LocataireQuerySet, ModeleLocataire
from strategie_nr.plateforme.models import EntreeHistorique
from strategie_nr.referentiel.models import Axe

from .enums import NaturePartiePrenante

ANNEE_MIN, ANNEE_MAX = 1990, 2100


class TraceeQuerySet(LocataireQuerySet):
    def avec_dernier_auteur(self):
        """Annote `dernier_auteur` : le nom de l'auteur de la dernière entrée de l'historique
        commun sur chaque ligne (une sous-requête, pas une requête par ligne)."""
        return self.annotate(
            dernier_auteur=Subquery(
                EntreeHistorique.objects.filter(
                    collectivite=OuterRef("collectivite"),
                    objet_type=self.model._meta.label_lower,
                    objet_cle=Cast(OuterRef("pk"), models.CharField()),
                )
                .order_by("-le", "-pk")
                .values("auteur_nom")[:1]
            )
        )


class Tracee(models.Model):
    """Quand la ligne a été modifiée en dernier ; par qui, d'après l'historique commun."""

    modifie_le = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        abstract = True

    @property
    def modifie_par(self) -> str:
        """Le nom de l'auteur de la dernière modification (« » si l'historique n'en a pas) :
        annoté par `avec_dernier_auteur` dans les listes, lu d'une requête sinon."""
        if "dernier_auteur" not in self.__dict__:
            self.__dict__["dernier_auteur"] = (
                EntreeHistorique.objects.for_collectivite(self.collectivite_id)
                .de_l_objet(self._meta.label_lower, self.pk)
                .values_list("auteur_nom", flat=True)
                .first()
            )
        return self.__dict__["dernier_auteur"] or ""


class PartiePrenante(ModeleLocataire, Tracee):
    """Acteur public ou privé du territoire associé au programme de travail."""

    collectivite = models.ForeignKey(
        Collectivite,
        on_delete=models.CASCADE,
        related_name="parties_prenantes",
        verbose_name="collectivité",
    )
    nom = models.CharField("nom", max_length=200)
    nature = models.CharField("nature", max_length=30, choices=NaturePartiePrenante.choices)
    label_qualirepar = models.BooleanField(
        "labellisé QualiRépar",
        default=False,
        help_text="Pour un réparateur : label QualiRépar du fonds réparation.",
    )
    role = models.TextField(
        "rôle dans la stratégie",
        blank=True,
        help_text="Ce que cet acteur apporte : données, réemploi, sensibilisation, collecte…",
    )
    contact = models.CharField(
        "contact",
        max_length=300,
        blank=True,
        help_text="Nom, fonction, adresse e-mail ou téléphone de la personne à joindre.",
    )

    objects = TraceeQuerySet.as_manager()

    class Meta:
        verbose_name = "partie prenante"
        verbose_name_plural = "parties prenantes"
        ordering = ["nom"]
        constraints = [
            models.UniqueConstraint(
                "collectivite",
                Lower("nom"),
                name="partie_prenante_nom_unique",
                violation_error_message="Une partie prenante porte déjà ce nom.",
            ),
            models.CheckConstraint(
                condition=models.Q(nature__in=NaturePartiePrenante.values),
                name="partie_prenante_nature_connue",
            ),
            models.CheckConstraint(
                condition=models.Q(label_qualirepar=False)
                | models.Q(nature=NaturePartiePrenante.REPARATEUR),
                name="partie_prenante_qualirepar_reparateur",
                violation_error_message="Seul un réparateur peut être labellisé QualiRépar.",
            ),
        ]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("programme:partie_prenante_modifier", args=[self.pk])


class BilanImpact(ModeleLocataire, Tracee):
    """Bilan de l'impact environnemental du numérique et de ses usages sur le territoire."""

    RUBRIQUES = ["perimetre", "methode", "constats", "chiffres_cles", "limites"]

    collectivite = models.OneToOneField(
        Collectivite,
        on_delete=models.CASCADE,
        related_name="bilan_impact",
        verbose_name="collectivité",
    )
    perimetre = models.TextField(
        "périmètre",
        blank=True,
        help_text="Ce que couvre le bilan : services de la collectivité, territoire, usages.",
    )
    methode = models.TextField(
        "méthode et sources",
        blank=True,
        help_text="Outils, facteurs d'émission, données utilisées (inventaire du parc, factures…).",
    )
    constats = models.TextField(
        "principaux constats", blank=True, help_text="Où se concentre l'impact."
    )
    chiffres_cles = models.TextField(
        "chiffres clés",
        blank=True,
        help_text="Un chiffre par ligne, avec son unité et sa source.",
    )
    limites = models.TextField(
        "limites et pistes",
        blank=True,
        help_text="Ce qui n'a pas pu être mesuré, ce qui reste à approfondir.",
    )

    objects = TraceeQuerySet.as_manager()

    class Meta:
        verbose_name = "bilan d'impact du numérique"
        verbose_name_plural = "bilans d'impact du numérique"

    def __str__(self):
        return f"Bilan d'impact du numérique — {self.collectivite}"

    def get_absolute_url(self):
        return reverse("programme:bilan")

    @property
    def rubriques(self) -> list[tuple[str, str]]:
        """(titre, texte) de chaque rubrique, dans l'ordre d'affichage."""
        return [
            (self._meta.get_field(nom).verbose_name, getattr(self, nom)) for nom in self.RUBRIQUES
        ]

    @property
    def redige(self) -> bool:
        return all(getattr(self, nom).strip() for nom in self.RUBRIQUES)


class ActionEngagee(ModeleLocataire, Tracee):
    """Action déjà engagée, avant la stratégie, pour réduire l'impact du numérique."""

    collectivite = models.ForeignKey(
        Collectivite,
        on_delete=models.CASCADE,
        related_name="actions_engagees",
        verbose_name="collectivité",
    )
    axe = models.ForeignKey(
        Axe, on_delete=models.PROTECT, related_name="actions_engagees", verbose_name="axe REEN"
    )
    titre = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    depuis = models.PositiveSmallIntegerField(
        "engagée depuis (année)",
        validators=[MinValueValidator(ANNEE_MIN), MaxValueValidator(ANNEE_MAX)],
        help_text="Année de démarrage, par exemple 2021.",
    )
    resultats = models.TextField(
        "résultats obtenus", blank=True, help_text="Chiffres ou constats, même partiels."
    )

    objects = TraceeQuerySet.as_manager()

    class Meta:
        verbose_name = "action déjà engagée"
        verbose_name_plural = "actions déjà engagées"
        ordering = ["axe__numero", "depuis", "titre"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(depuis__gte=ANNEE_MIN) & models.Q(depuis__lte=ANNEE_MAX),
                name="action_engagee_annee_plausible",
                violation_error_message=(
                    f"L'année de démarrage doit être comprise entre {ANNEE_MIN} et {ANNEE_MAX}."
                ),
            ),
        ]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("programme:action_modifier", args=[self.pk])
