"""Diagnostic de maturité : questions, campagnes, réponses individuelles et consolidées."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from collectivites.models import Collectivite, Membre
from strategie_nr.plateforme.locataire import LocataireQuerySet, ModeleLocataire, ModeleRattache
from strategie_nr.referentiel.enums import Barometre
from strategie_nr.referentiel.models import Dimension, Pratique

from .enums import TypeEvenementCampagne


class Question(models.Model):
    """Question de la grille, rattachée à une dimension et aux pratiques du guide (référentiel)."""

    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="questions", verbose_name="dimension"
    )
    ordre = models.PositiveSmallIntegerField("ordre")
    intitule = models.CharField("intitulé", max_length=300)
    aide = models.TextField("pour vous aider", blank=True)
    pratiques = models.ManyToManyField(
        Pratique, related_name="questions_diagnostic", blank=True, verbose_name="pratiques"
    )

    class Meta:
        verbose_name = "question du diagnostic"
        verbose_name_plural = "questions du diagnostic"
        ordering = ["dimension__numero", "ordre"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "ordre"], name="question_ordre_unique")
        ]

    def __str__(self):
        return f"{self.code} {self.intitule}"

    @property
    def code(self) -> str:
        return f"{self.dimension.numero}.{self.ordre}"


class CampagneQuerySet(LocataireQuerySet):
    def ouvertes(self):
        return self.filter(cloturee_le__isnull=True)

    def cloturees(self):
        return self.filter(cloturee_le__isnull=False)


class Campagne(ModeleLocataire):
    """Un diagnostic à une date : diagnostic initial, réévaluation annuelle…"""

    collectivite = models.ForeignKey(
        Collectivite, on_delete=models.CASCADE, related_name="campagnes_diagnostic"
    )
    titre = models.CharField("titre", max_length=200)
    date = models.DateField("date du diagnostic")
    ouverte_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cloturee_le = models.DateTimeField("close le", null=True, blank=True)
    cloturee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    creee_le = models.DateTimeField("créée le", auto_now_add=True)

    objects = CampagneQuerySet.as_manager()

    class Meta:
        verbose_name = "campagne de diagnostic"
        verbose_name_plural = "campagnes de diagnostic"
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["collectivite"],
                condition=models.Q(cloturee_le__isnull=True),
                name="une_seule_campagne_ouverte",
                violation_error_message="Une campagne est déjà ouverte : closez-la d'abord.",
            )
        ]

    def __str__(self):
        return f"{self.titre} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("diagnostic:campagne", kwargs={"pk": self.pk})

    @property
    def ouverte(self) -> bool:
        return self.cloturee_le is None


class EvenementCampagne(models.Model):
    """L'historique d'une campagne : ouverture, clôture, réouverture (avec sa raison)."""

    campagne = models.ForeignKey(
        Campagne, on_delete=models.CASCADE, related_name="evenements", verbose_name="campagne"
    )
    type = models.CharField("événement", max_length=20, choices=TypeEvenementCampagne.choices)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="auteur",
    )
    date = models.DateTimeField("date", auto_now_add=True)
    raison = models.TextField("raison", blank=True)

    class Meta:
        verbose_name = "événement de campagne"
        verbose_name_plural = "événements de campagne"
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(type=TypeEvenementCampagne.REOUVERTURE, raison=""),
                name="reouverture_avec_raison",
                violation_error_message="Indiquez la raison de la réouverture.",
            )
        ]

    def __str__(self):
        return f"{self.campagne} — {self.get_type_display()}"


class NiveauReponse(models.Model):
    """Un niveau du baromètre (1 à 5), ou « non concerné », ou rien encore (réponse en cours)."""

    niveau = models.PositiveSmallIntegerField(
        "niveau", choices=Barometre.choices, null=True, blank=True
    )
    non_concerne = models.BooleanField("non concerné", default=False)
    commentaire = models.TextField(
        "commentaire", blank=True, help_text="Ce qui existe, les freins, les possibilités."
    )
    modifiee_le = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        abstract = True

    @property
    def valeur(self):
        """Le niveau retenu pour les scores : None si « non concerné » ou sans réponse."""
        return None if self.non_concerne else self.niveau


def _contraintes_niveau(prefixe: str) -> list:
    return [
        models.CheckConstraint(
            condition=models.Q(niveau__isnull=True) | models.Q(niveau__gte=1, niveau__lte=5),
            name=f"{prefixe}_niveau_du_barometre",
        ),
        models.CheckConstraint(
            condition=~models.Q(non_concerne=True, niveau__isnull=False),
            name=f"{prefixe}_non_concerne_sans_niveau",
        ),
    ]


class Reponse(NiveauReponse, ModeleRattache):
    """La réponse individuelle d'un membre (auto-évaluation)."""

    campagne = models.ForeignKey(Campagne, on_delete=models.CASCADE, related_name="reponses")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    membre = models.ForeignKey(Membre, on_delete=models.CASCADE, related_name="reponses_diagnostic")

    chemin_collectivite = "campagne__collectivite"

    class Meta:
        verbose_name = "réponse individuelle"
        verbose_name_plural = "réponses individuelles"
        constraints = [
            models.UniqueConstraint(
                fields=["campagne", "question", "membre"], name="reponse_unique_par_membre"
            ),
            *_contraintes_niveau("reponse"),
        ]

    def __str__(self):
        return f"{self.membre} — {self.question.code}"


class ReponseConsolidee(NiveauReponse, ModeleRattache):
    """La réponse retenue en groupe, fixée par le référent (préremplie par la moyenne)."""

    campagne = models.ForeignKey(
        Campagne, on_delete=models.CASCADE, related_name="reponses_consolidees"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    moyenne_individuelle = models.DecimalField(
        "moyenne des réponses individuelles", max_digits=3, decimal_places=2, null=True, blank=True
    )
    raison = models.TextField("raison de l'écart avec la moyenne", blank=True)
    consolidee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    chemin_collectivite = "campagne__collectivite"

    class Meta:
        verbose_name = "réponse consolidée"
        verbose_name_plural = "réponses consolidées"
        constraints = [
            models.UniqueConstraint(
                fields=["campagne", "question"], name="reponse_consolidee_unique"
            ),
            *_contraintes_niveau("consolidee"),
        ]

    def __str__(self):
        return f"{self.campagne} — {self.question.code}"
