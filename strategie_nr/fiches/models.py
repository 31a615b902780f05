"""Fiches actions et feuille de route versionnée (brouillon → soumise → validée, figée)."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from collectivites.models import Collectivite, Membre
from strategie_nr.plateforme.locataire import LocataireQuerySet, ModeleLocataire, ModeleRattache
from strategie_nr.referentiel.models import ActionExemple, Axe, Dimension, Pratique

from .enums import (
    EN_RETARD,
    Engagement,
    Niveau,
    Perimetre,
    StatutFiche,
    StatutVersion,
    TypeEvenement,
    UniteMoyens,
)

MODIFIABLES = (StatutVersion.BROUILLON, StatutVersion.RENVOYEE)


def _membre_facultatif(verbose_name: str):
    return models.ForeignKey(
        Membre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class FeuilleDeRoute(ModeleLocataire):
    """La feuille de route d'une collectivité : une suite de versions numérotées."""

    collectivite = models.OneToOneField(
        Collectivite,
        on_delete=models.CASCADE,
        related_name="feuille_de_route",
        verbose_name="collectivité",
    )
    cree_le = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "feuille de route"
        verbose_name_plural = "feuilles de route"

    def __str__(self):
        return f"Feuille de route de {self.collectivite}"


class VersionQuerySet(LocataireQuerySet):
    def validees(self):
        return self.filter(statut=StatutVersion.VALIDEE)


class VersionFeuilleDeRoute(ModeleRattache):
    """Une version (v1, v2…) de la feuille de route.

    Une fois validée, son contenu est l'instantané JSON enregistré à la validation, avec sa
    somme de contrôle SHA-256 : il ne change plus jamais. Modifier ensuite, c'est créer une
    nouvelle version en brouillon.
    """

    feuille_de_route = models.ForeignKey(
        FeuilleDeRoute,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name="feuille de route",
    )
    numero = models.PositiveSmallIntegerField("numéro")
    statut = models.CharField(
        "statut", max_length=20, choices=StatutVersion.choices, default=StatutVersion.BROUILLON
    )
    cree_le = models.DateTimeField("créée le", auto_now_add=True)
    cree_par = _membre_facultatif("créée par")
    soumise_par = _membre_facultatif("soumise par")
    soumise_le = models.DateTimeField("soumise le", null=True, blank=True)
    validee_par = _membre_facultatif("validée par")
    validee_le = models.DateTimeField("validée le", null=True, blank=True)
    date_copil = models.DateField("date du COPIL", null=True, blank=True)
    renvoyee_par = _membre_facultatif("renvoyée par")
    renvoyee_le = models.DateTimeField("renvoyée le", null=True, blank=True)
    commentaire_renvoi = models.TextField("commentaire de renvoi", blank=True)
    instantane = models.JSONField("instantané à la validation", null=True, blank=True)
    somme_controle = models.CharField(
        "code d'intégrité du contenu validé",
        max_length=64,
        blank=True,
        help_text="SHA-256 de l'instantané JSON ; à ne pas confondre avec l'empreinte du "
        "fichier PDF officiel.",
    )

    chemin_collectivite = "feuille_de_route__collectivite"

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = "version de la feuille de route"
        verbose_name_plural = "versions de la feuille de route"
        ordering = ["feuille_de_route", "-numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["feuille_de_route", "numero"], name="version_numero_unique"
            ),
            # Au plus une version en cours de travail (non validée) à la fois.
            models.UniqueConstraint(
                fields=["feuille_de_route"],
                condition=~Q(statut=StatutVersion.VALIDEE),
                name="version_une_seule_en_cours",
            ),
            models.CheckConstraint(condition=Q(numero__gte=1), name="version_numero_positif"),
            models.CheckConstraint(
                condition=Q(statut__in=StatutVersion.values), name="version_statut_connu"
            ),
            # Une version validée a toujours son instantané, sa somme, sa date et son COPIL.
            models.CheckConstraint(
                condition=~Q(statut=StatutVersion.VALIDEE)
                | (
                    Q(instantane__isnull=False)
                    & Q(validee_le__isnull=False)
                    & Q(date_copil__isnull=False)
                    & ~Q(somme_controle="")
                ),
                name="version_validee_complete",
            ),
        ]

    def __str__(self):
        return f"v{self.numero} ({self.get_statut_display().lower()})"

    def save(self, *args, **kwargs):
        # Garde d'intégrité, pas une règle métier : une version validée ne se réécrit jamais.
        if self.pk and (
            VersionFeuilleDeRoute.objects.filter(pk=self.pk, statut=StatutVersion.VALIDEE).exists()
        ):
            raise ValidationError("Une version validée est figée : elle ne peut plus changer.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("fiches:version", args=[self.pk])

    @property
    def libelle(self):
        return f"v{self.numero}"

    @property
    def est_modifiable(self) -> bool:
        return self.statut in MODIFIABLES

    @property
    def est_validee(self) -> bool:
        return self.statut == StatutVersion.VALIDEE


def premier_du_mois(date: datetime.date) -> datetime.date:
    return date.replace(day=1)


class FicheAction(ModeleRattache):
    """Fiche action (modèle de l'ANCT) : un levier décliné en action, un seul responsable."""

    version = models.ForeignKey(
        VersionFeuilleDeRoute,
        on_delete=models.CASCADE,
        related_name="fiches",
        verbose_name="version",
    )
    # Même valeur d'une version à l'autre : permet de comparer deux versions.
    lignee = models.UUIDField("identifiant stable", default=uuid.uuid4, editable=False)
    axe = models.ForeignKey(Axe, on_delete=models.PROTECT, related_name="+", verbose_name="axe")
    dimension = models.ForeignKey(
        Dimension,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dimension",
    )
    pratique = models.ForeignKey(
        Pratique,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="levier (pratique du guide)",
    )
    levier_libre = models.CharField(
        "levier (texte libre)",
        max_length=300,
        blank=True,
        help_text="Si le levier n'est pas une pratique du guide.",
    )
    action_exemple = models.ForeignKey(
        ActionExemple,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="action d'exemple d'origine",
    )
    titre = models.CharField("titre", max_length=300)
    priorite = models.PositiveSmallIntegerField(
        "priorité", choices=Niveau.choices, default=Niveau.MOYEN
    )
    difficulte = models.PositiveSmallIntegerField(
        "difficulté de mise en œuvre", choices=Niveau.choices, default=Niveau.MOYEN
    )
    resultats_attendus = models.TextField("résultats attendus", blank=True)
    debut = models.DateField("démarrage", help_text="Au mois près.")
    fin = models.DateField("fin", help_text="Au mois près.")
    responsable = models.ForeignKey(
        Membre,
        on_delete=models.PROTECT,
        related_name="fiches_responsable",
        verbose_name="responsable",
    )
    contributeurs = models.ManyToManyField(
        Membre, blank=True, related_name="fiches_contributeur", verbose_name="contributeurs"
    )
    contributeurs_libres = models.JSONField(
        "autres contributeurs", default=list, blank=True, help_text="Noms, un par ligne."
    )
    moyens_humains = models.DecimalField(
        "moyens humains", max_digits=8, decimal_places=2, null=True, blank=True
    )
    moyens_unite = models.CharField(
        "unité des moyens humains",
        max_length=5,
        choices=UniteMoyens.choices,
        default=UniteMoyens.JH,
    )
    budget = models.DecimalField("budget (€)", max_digits=12, decimal_places=2, default=0)
    ligne_budgetaire = models.CharField(
        "ligne budgétaire", max_length=200, blank=True, help_text="Par exemple : budget DSI."
    )
    perimetres = models.JSONField("périmètre", default=list, blank=True)
    prerequis = models.TextField("prérequis", blank=True)
    statut = models.CharField(
        "statut", max_length=20, choices=StatutFiche.choices, default=StatutFiche.A_VENIR
    )
    engagement = models.CharField(
        "niveau d'engagement",
        max_length=20,
        choices=Engagement.choices,
        default=Engagement.REFLEXION,
    )
    # Verrou optimiste : incrémenté à chaque enregistrement par un UPDATE conditionnel.
    revision = models.PositiveIntegerField("révision", default=1)
    cree_le = models.DateTimeField("créée le", auto_now_add=True)
    modifiee_le = models.DateTimeField("modifiée le", auto_now=True)

    chemin_collectivite = "version__feuille_de_route__collectivite"

    class Meta:
        verbose_name = "fiche action"
        verbose_name_plural = "fiches actions"
        ordering = ["axe__numero", "-priorite", "debut", "titre"]
        constraints = [
            models.UniqueConstraint(fields=["version", "lignee"], name="fiche_lignee_unique"),
            models.CheckConstraint(condition=Q(fin__gte=F("debut")), name="fiche_fin_apres_debut"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="fiche_budget_positif"),
            models.CheckConstraint(
                condition=Q(moyens_humains__isnull=True) | Q(moyens_humains__gte=0),
                name="fiche_moyens_positifs",
            ),
            models.CheckConstraint(
                condition=Q(priorite__gte=1) & Q(priorite__lte=3), name="fiche_priorite_1_3"
            ),
            models.CheckConstraint(
                condition=Q(difficulte__gte=1) & Q(difficulte__lte=3),
                name="fiche_difficulte_1_3",
            ),
            models.CheckConstraint(
                condition=Q(statut__in=StatutFiche.values), name="fiche_statut_connu"
            ),
            models.CheckConstraint(
                condition=Q(engagement__in=Engagement.values), name="fiche_engagement_connu"
            ),
            models.CheckConstraint(
                condition=Q(moyens_unite__in=UniteMoyens.values), name="fiche_unite_connue"
            ),
            models.CheckConstraint(condition=Q(revision__gte=1), name="fiche_revision_positive"),
        ]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("fiches:fiche", args=[self.pk])

    def clean(self):
        erreurs = {}
        if self.debut:
            self.debut = premier_du_mois(self.debut)
        if self.fin:
            self.fin = premier_du_mois(self.fin)
        if self.debut and self.fin and self.fin < self.debut:
            erreurs["fin"] = "La fin ne peut pas précéder le démarrage."
        inconnus = set(self.perimetres or []) - set(Perimetre.values)
        if inconnus:
            erreurs["perimetres"] = "Périmètre inconnu : " + ", ".join(sorted(inconnus))
        if (
            self.responsable_id
            and self.version_id
            and self.responsable.collectivite_id != self.version.feuille_de_route.collectivite_id
        ):
            erreurs["responsable"] = "Le responsable doit être membre de la collectivité."
        elif self.responsable_id and self.responsable.est_elu:
            erreurs["responsable"] = "Le responsable est un agent ou le référent, pas un élu."
        if erreurs:
            raise ValidationError(erreurs)

    @property
    def levier(self) -> str:
        if self.pratique_id:
            return f"{self.pratique.code} {self.pratique.titre}"
        return self.levier_libre

    def en_retard(self, aujourdhui: datetime.date | None = None) -> bool:
        return statut_affiche(self.statut, self.fin, aujourdhui)[0] == EN_RETARD[0]


def statut_affiche(statut: str, fin: datetime.date | None, aujourdhui=None) -> tuple[str, str]:
    """Statut montré : « en retard » quand le mois de fin est passé et rien n'est clos."""
    aujourdhui = aujourdhui or timezone.localdate()
    clos = (StatutFiche.REALISEE, StatutFiche.ABANDONNEE)
    if fin and statut not in clos and premier_du_mois(aujourdhui) > fin:
        return EN_RETARD
    return statut, StatutFiche(statut).label


# Champs simples d'une fiche saisis dans le formulaire et acceptés par les services.
CHAMPS_FICHE = (
    "axe",
    "dimension",
    "pratique",
    "levier_libre",
    "action_exemple",
    "titre",
    "priorite",
    "difficulte",
    "resultats_attendus",
    "debut",
    "fin",
    "responsable",
    "contributeurs_libres",
    "moyens_humains",
    "moyens_unite",
    "budget",
    "ligne_budgetaire",
    "perimetres",
    "prerequis",
    "statut",
    "engagement",
)


class IndicateurFiche(ModeleRattache):
    """Indicateur de performance d'une fiche, avec sa valeur cible."""

    fiche = models.ForeignKey(
        FicheAction, on_delete=models.CASCADE, related_name="indicateurs", verbose_name="fiche"
    )
    libelle = models.CharField("indicateur", max_length=300)
    indicateur_suivi = models.ForeignKey(
        "indicateurs.IndicateurSuivi",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicateurs_fiches",
        verbose_name="indicateur suivi",
    )
    valeur_cible = models.DecimalField(
        "valeur cible", max_digits=14, decimal_places=2, null=True, blank=True
    )
    annee_cible = models.PositiveSmallIntegerField("année cible", null=True, blank=True)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)

    chemin_collectivite = "fiche__version__feuille_de_route__collectivite"

    class Meta:
        verbose_name = "indicateur de performance"
        verbose_name_plural = "indicateurs de performance"
        ordering = ["fiche", "ordre", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(annee_cible__isnull=True)
                | (Q(annee_cible__gte=2000) & Q(annee_cible__lte=2100)),
                name="indicateur_fiche_annee_plausible",
            ),
        ]

    def __str__(self):
        return self.libelle


class SousAction(ModeleRattache):
    """Action à mettre en œuvre pour le levier : quoi, qui, échéance, fait."""

    fiche = models.ForeignKey(
        FicheAction, on_delete=models.CASCADE, related_name="sous_actions", verbose_name="fiche"
    )
    quoi = models.CharField("action", max_length=300)
    qui = models.CharField("qui ?", max_length=200, blank=True)
    echeance = models.DateField("échéance", null=True, blank=True)
    fait = models.BooleanField("fait", default=False)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)

    chemin_collectivite = "fiche__version__feuille_de_route__collectivite"

    class Meta:
        verbose_name = "action à mettre en œuvre"
        verbose_name_plural = "actions à mettre en œuvre"
        ordering = ["fiche", "ordre", "pk"]

    def __str__(self):
        return self.quoi


class BudgetAnnuel(ModeleRattache):
    """Répartition du budget d'une fiche par année."""

    fiche = models.ForeignKey(
        FicheAction, on_delete=models.CASCADE, related_name="budgets", verbose_name="fiche"
    )
    annee = models.PositiveSmallIntegerField("année")
    montant = models.DecimalField("montant (€)", max_digits=12, decimal_places=2)
    depense = models.DecimalField(
        "dépensé (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Ce qui a réellement été dépensé cette année-là, quand on le sait.",
    )

    chemin_collectivite = "fiche__version__feuille_de_route__collectivite"

    class Meta:
        verbose_name = "budget annuel"
        verbose_name_plural = "budgets annuels"
        ordering = ["fiche", "annee"]
        constraints = [
            models.UniqueConstraint(fields=["fiche", "annee"], name="budget_annee_unique"),
            models.CheckConstraint(condition=Q(montant__gte=0), name="budget_montant_positif"),
            models.CheckConstraint(
                condition=Q(depense__isnull=True) | Q(depense__gte=0),
                name="budget_depense_positive",
            ),
            models.CheckConstraint(
                condition=Q(annee__gte=2000) & Q(annee__lte=2100), name="budget_annee_plausible"
            ),
        ]

    def __str__(self):
        return f"{self.annee} : {self.montant} €"


class Evenement(ModeleLocataire):
    """Le cycle de vie des versions : qui a créé, soumis, validé ou renvoyé, et quand."""

    version = models.ForeignKey(
        VersionFeuilleDeRoute,
        on_delete=models.CASCADE,
        related_name="evenements",
        verbose_name="version",
    )
    type = models.CharField("quoi", max_length=30, choices=TypeEvenement.choices)
    auteur = models.ForeignKey(
        Membre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="qui",
    )
    le = models.DateTimeField("quand", default=timezone.now)
    details = models.JSONField("détails", default=list, blank=True)

    class Meta:
        verbose_name = "événement d'une version"
        verbose_name_plural = "événements des versions"
        ordering = ["-le", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(type__in=TypeEvenement.values), name="evenement_type_connu"
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()} — {self.version}"


class ImportPlanAction(ModeleLocataire):
    """Un plan d'action importé, une seule fois : le jeton de l'aperçu est unique, de sorte
    qu'une seconde confirmation du même aperçu (double clic, deux onglets) n'importe rien."""

    collectivite = models.ForeignKey(
        Collectivite,
        on_delete=models.CASCADE,
        related_name="imports_plan_action",
        verbose_name="collectivité",
    )
    jeton = models.CharField("jeton de l'aperçu", max_length=64, unique=True)
    nom_fichier = models.CharField("nom du fichier", max_length=255, blank=True)
    fiches = models.PositiveIntegerField("fiches créées", default=0)
    importe_le = models.DateTimeField("importé le", auto_now_add=True)

    class Meta:
        verbose_name = "import de plan d'action"
        verbose_name_plural = "imports de plans d'action"
        ordering = ["-importe_le"]
        constraints = [
            models.CheckConstraint(condition=~Q(jeton=""), name="import_plan_action_jeton"),
        ]

    def __str__(self):
        return f"{self.nom_fichier or self.jeton} ({self.collectivite})"


COMMENTAIRE_LONGUEUR_MAX = 5000


class CommentaireFiche(ModeleLocataire):
    """Un message d'un membre sur une fiche action.

    Rattaché à la fiche par son identifiant stable (`lignee`), comme l'historique : la
    discussion suit la fiche d'une version à l'autre et reste quand la fiche est retirée d'un
    brouillon ou abandonnée. `version` garde la version affichée quand le message a été écrit.
    Le texte est du texte brut, toujours échappé à l'affichage.
    """

    lignee = models.UUIDField("fiche (identifiant stable)")
    fiche = models.ForeignKey(
        FicheAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commentaires",
        verbose_name="fiche commentée",
    )
    version = models.ForeignKey(
        VersionFeuilleDeRoute,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="version",
    )
    auteur = models.ForeignKey(
        Membre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="auteur",
    )
    texte = models.TextField("commentaire", max_length=COMMENTAIRE_LONGUEUR_MAX)
    mentions = models.ManyToManyField(
        Membre, blank=True, related_name="mentions_fiches", verbose_name="membres mentionnés"
    )
    # Jeton du formulaire : un double clic n'enregistre le message (et ne prévient) qu'une fois.
    jeton = models.UUIDField("jeton du formulaire")
    cree_le = models.DateTimeField("écrit le", default=timezone.now)

    class Meta:
        verbose_name = "commentaire de fiche"
        verbose_name_plural = "commentaires de fiches"
        ordering = ["cree_le", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["collectivite", "jeton"], name="commentaire_jeton_unique"
            ),
            models.CheckConstraint(condition=~Q(texte=""), name="commentaire_non_vide"),
        ]
        indexes = [models.Index(fields=["collectivite", "lignee"])]

    def __str__(self):
        return f"Commentaire sur « {self.fiche or self.lignee} »"
