from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from collectivites.models import Collectivite
from strategie_nr.plateforme.locataire import LocataireQuerySet, ModeleLocataire
from strategie_nr.plateforme.tableurs import cle_valeur

from .enums import Destination, Origine, Statut

ANNEE_MIN, ANNEE_MAX = 1980, 2100


class CategorieAgec(models.Model):
    """Catégorie de produits de l'annexe du décret n° 2024-134 du 21 février 2024 (AGEC, art. 58).

    Le libellé est celui du schéma national de déclaration (champ `type_produit_acquis`).
    """

    code = models.SlugField("code", max_length=50, unique=True)
    libelle = models.CharField("libellé (schéma de déclaration)", max_length=150, unique=True)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "catégorie AGEC"
        verbose_name_plural = "catégories AGEC"
        ordering = ["ordre", "libelle"]

    def __str__(self):
        return self.libelle


class ObjectifAgec(models.Model):
    """Proportions minimales d'une catégorie à partir d'une année : la ligne la plus récente dont
    l'année est atteinte s'applique. Une valeur vide n'est pas devinée : elle est à saisir."""

    categorie = models.ForeignKey(
        CategorieAgec, on_delete=models.CASCADE, related_name="objectifs", verbose_name="catégorie"
    )
    annee = models.PositiveSmallIntegerField("à partir de l'année")
    part_reemploi = models.DecimalField(
        "part minimale issue du réemploi ou de la réutilisation (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    part_recyclee = models.DecimalField(
        "part minimale intégrant des matières recyclées (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    texte = models.CharField("texte appliqué", max_length=200)
    a_confirmer = models.BooleanField(
        "à confirmer", default=True, help_text="Coché tant que le chiffre n'a pas été relu."
    )
    source = models.TextField("source", blank=True)

    class Meta:
        verbose_name = "objectif AGEC"
        verbose_name_plural = "objectifs AGEC"
        ordering = ["categorie__ordre", "annee"]
        constraints = [
            models.UniqueConstraint(fields=["categorie", "annee"], name="objectif_agec_unique"),
            models.CheckConstraint(
                condition=(Q(part_reemploi__isnull=True) | Q(part_reemploi__range=(0, 100)))
                & (Q(part_recyclee__isnull=True) | Q(part_recyclee__range=(0, 100))),
                name="objectif_agec_pourcentages",
                violation_error_message="Une proportion est comprise entre 0 et 100 %.",
            ),
        ]

    def __str__(self):
        return f"{self.categorie} — à partir de {self.annee}"


class ObjectifReen(models.Model):
    """Objectif annuel de réemploi des matériels informatiques réformés (décret n° 2023-266)."""

    annee = models.PositiveSmallIntegerField("à partir de l'année", unique=True)
    taux = models.DecimalField("objectif (%)", max_digits=5, decimal_places=2)
    texte = models.CharField("texte appliqué", max_length=200)
    a_confirmer = models.BooleanField("à confirmer", default=False)
    source = models.TextField("source", blank=True)

    class Meta:
        verbose_name = "objectif REEN de réemploi"
        verbose_name_plural = "objectifs REEN de réemploi"
        ordering = ["annee"]
        constraints = [
            models.CheckConstraint(
                condition=Q(taux__range=(0, 100)),
                name="objectif_reen_pourcentage",
                violation_error_message="Un objectif est compris entre 0 et 100 %.",
            ),
        ]

    def __str__(self):
        return f"{self.taux} % à partir de {self.annee}"


class TypeEquipement(models.Model):
    """Type d'équipement de la grille d'inventaire (référentiel commun)."""

    code = models.SlugField("code", max_length=50, unique=True)
    libelle = models.CharField("libellé", max_length=150)
    duree_vie_defaut_annees = models.DecimalField(
        "durée de vie par défaut (années)", max_digits=4, decimal_places=1
    )
    poids_defaut_kg = models.DecimalField(
        "poids par défaut (kg)", max_digits=7, decimal_places=2, default=0
    )
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    categorie_agec = models.ForeignKey(
        CategorieAgec,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="types",
        verbose_name="catégorie AGEC",
        help_text="Vide : le type n'entre dans aucune catégorie du décret n° 2024-134.",
    )
    perimetre_reen = models.BooleanField(
        "dans le périmètre REEN art. 16",
        default=False,
        help_text="Écrans de plus de 100 cm², petits équipements informatiques et de "
        "télécommunications (décret n° 2023-266, art. 1).",
    )

    class Meta:
        verbose_name = "type d'équipement"
        verbose_name_plural = "types d'équipement"
        ordering = ["ordre", "libelle"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duree_vie_defaut_annees__gt=0),
                name="type_equipement_duree_vie_positive",
            )
        ]

    def __str__(self):
        return self.libelle


class ValeurDon(models.Model):
    """Valeur forfaitaire d'un don reçu (grille de l'arrêté du 29 février 2024), par type."""

    type = models.OneToOneField(
        TypeEquipement, on_delete=models.CASCADE, related_name="valeur_don", verbose_name="type"
    )
    poste = models.CharField("poste de la grille", max_length=200)
    valeur_ht = models.DecimalField(
        "valeur forfaitaire HT (€)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    texte = models.CharField("texte appliqué", max_length=200)
    a_confirmer = models.BooleanField("à confirmer", default=True)
    source = models.TextField("source", blank=True)

    class Meta:
        verbose_name = "valeur forfaitaire de don"
        verbose_name_plural = "valeurs forfaitaires des dons"
        ordering = ["type__ordre"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valeur_ht__isnull=True) | Q(valeur_ht__gte=0),
                name="valeur_don_positive",
            ),
        ]

    def __str__(self):
        return f"{self.type} — {self.poste}"


class FacteurEmpreinte(models.Model):
    """Facteurs d'empreinte carbone d'un type, versionnés : on ne remplace pas, on ajoute."""

    type = models.ForeignKey(
        TypeEquipement, on_delete=models.CASCADE, related_name="facteurs", verbose_name="type"
    )
    version = models.CharField("version", max_length=60)
    fabrication_kgco2e = models.DecimalField(
        "fabrication et distribution (kgCO2e)", max_digits=8, decimal_places=2
    )
    usage_kgco2e_an = models.DecimalField("usage (kgCO2e par an)", max_digits=8, decimal_places=2)
    duree_vie_annees = models.DecimalField(
        "durée de vie de référence (années)", max_digits=4, decimal_places=1
    )
    source = models.TextField("source")
    cree_le = models.DateTimeField("ajouté le", auto_now_add=True)

    class Meta:
        verbose_name = "facteur d'empreinte"
        verbose_name_plural = "facteurs d'empreinte"
        ordering = ["type__ordre", "-cree_le", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["type", "version"], name="facteur_version_unique"),
            models.CheckConstraint(
                condition=Q(
                    fabrication_kgco2e__gte=0, usage_kgco2e_an__gte=0, duree_vie_annees__gt=0
                ),
                name="facteur_valeurs_positives",
            ),
        ]

    def __str__(self):
        return f"{self.type} — {self.version}"


class SynonymeTypeEquipement(models.Model):
    """Un nom qu'un inventaire donne à un type (« Laptop », « Unité centrale », « TFT ») :
    l'import le reconnaît sans rien demander. Référentiel commun, modifiable dans l'admin."""

    type = models.ForeignKey(
        TypeEquipement, on_delete=models.CASCADE, related_name="synonymes", verbose_name="type"
    )
    texte = models.CharField("nom lu dans les fichiers", max_length=150)
    cle = models.CharField(
        "clé normalisée",
        max_length=150,
        unique=True,
        editable=False,
        help_text="Sans accents, casse, ponctuation ni pluriel ; calculée depuis le nom.",
    )

    class Meta:
        verbose_name = "synonyme de type d'équipement"
        verbose_name_plural = "synonymes de types d'équipement"
        ordering = ["type__ordre", "texte"]
        constraints = [
            models.CheckConstraint(condition=~Q(cle=""), name="synonyme_type_cle_non_vide"),
        ]

    def __str__(self):
        return f"{self.texte} → {self.type}"

    def save(self, *args, **kwargs):
        self.cle = cle_valeur(self.texte)[:150]
        super().save(*args, **kwargs)


class EquipementQuerySet(LocataireQuerySet):
    def a_completer(self):
        """Réformés dont la sortie est inconnue : destination « Non renseignée » (import), ou ni
        décision de réforme datée ni sortie."""
        return self.filter(statut=Statut.REFORME).filter(
            Q(destination=Destination.NON_RENSEIGNEE)
            | Q(date_fin_usage__isnull=True, date_reforme__isnull=True)
        )


class Equipement(ModeleLocataire):
    """Une ligne d'inventaire : un équipement, ou un lot identique (« 30 claviers »)."""

    collectivite = models.ForeignKey(
        Collectivite, on_delete=models.CASCADE, related_name="equipements"
    )
    type = models.ForeignKey(TypeEquipement, on_delete=models.PROTECT, verbose_name="type")
    nom = models.CharField(
        "nom de l'équipement",
        max_length=150,
        blank=True,
        help_text="Le nom donné dans l'inventaire (GLPI : « Nom »), par exemple PC-URBA-012.",
    )
    marque = models.CharField("marque", max_length=100, blank=True)
    modele = models.CharField("modèle", max_length=150, blank=True)
    numero_serie = models.CharField("numéro de série", max_length=100, blank=True)
    numero_inventaire = models.CharField("numéro d'inventaire", max_length=100, blank=True)
    quantite = models.PositiveIntegerField("quantité", default=1)
    annee_acquisition = models.PositiveSmallIntegerField(
        "année d'acquisition", null=True, blank=True
    )
    date_acquisition = models.DateField("date d'acquisition", null=True, blank=True)
    prix_achat_ht = models.DecimalField(
        "prix d'achat unitaire HT (€)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    origine = models.CharField(
        "origine", max_length=20, choices=Origine.choices, default=Origine.NEUF
    )
    statut = models.CharField(
        "statut", max_length=20, choices=Statut.choices, default=Statut.EN_SERVICE
    )
    statut_depuis = models.DateField("dans ce statut depuis", null=True, blank=True)
    service = models.CharField("service", max_length=150, blank=True)
    site = models.CharField("site", max_length=150, blank=True)
    mutualise = models.BooleanField("mutualisé", default=False)
    poids_kg = models.DecimalField(
        "poids unitaire (kg)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Vide : le poids par défaut du type.",
    )
    matieres_recyclees = models.BooleanField(
        "intègre des matières recyclées",
        default=False,
        help_text="Achat comptant dans la part « matières recyclées » (AGEC, art. 58).",
    )
    informations_securisees = models.BooleanField(
        "contient des informations classifiées ou soumises à une obligation de sécurité",
        default=False,
        help_text="Exclu du taux de réemploi des matériels réformés (décret n° 2023-266, art. 1).",
    )
    date_reforme = models.DateField(
        "date de la décision de réforme",
        null=True,
        blank=True,
        help_text="Réformé en attente de sortie : la date et la destination viendront ensuite.",
    )
    date_fin_usage = models.DateField("date de fin d'usage", null=True, blank=True)
    destination = models.CharField(
        "destination", max_length=20, choices=Destination.choices, blank=True
    )
    beneficiaire = models.CharField(
        "bénéficiaire", max_length=200, blank=True, help_text="Association, établissement, CCAS…"
    )
    engagement_reemploi = models.BooleanField(
        "le preneur s'engage à réemployer ou réutiliser",
        default=False,
        help_text="Sans cet engagement, la sortie ne compte pas dans le taux REEN.",
    )
    preuve_engagement = models.CharField(
        "référence de la preuve de l'engagement",
        max_length=200,
        blank=True,
        help_text="Convention, bon d'enlèvement, attestation…",
    )
    cree_le = models.DateTimeField("créé le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)

    objects = EquipementQuerySet.as_manager()

    class Meta:
        verbose_name = "équipement"
        verbose_name_plural = "équipements"
        ordering = ["type__ordre", "pk"]
        indexes = [
            models.Index(fields=["collectivite", "statut"], name="equipement_statut"),
            models.Index(fields=["collectivite", "annee_acquisition"], name="equipement_annee"),
            models.Index(fields=["collectivite", "date_fin_usage"], name="equipement_fin"),
            models.Index(fields=["collectivite", "nom"], name="equipement_nom"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantite__gte=1), name="equipement_quantite_positive"
            ),
            models.CheckConstraint(
                condition=Q(date_fin_usage__isnull=True)
                | Q(date_acquisition__isnull=True)
                | Q(date_fin_usage__gte=F("date_acquisition")),
                name="equipement_fin_apres_acquisition",
                violation_error_message="La fin d'usage ne peut pas précéder l'acquisition.",
            ),
            models.CheckConstraint(
                condition=Q(statut=Statut.REFORME) | Q(destination="", date_fin_usage__isnull=True),
                name="equipement_destination_si_reforme",
                violation_error_message="Date et destination de fin : seulement si réformé.",
            ),
            models.CheckConstraint(
                condition=Q(statut=Statut.REFORME) | Q(date_reforme__isnull=True),
                name="equipement_date_reforme_si_reforme",
                violation_error_message="Une date de réforme : seulement si réformé.",
            ),
            models.CheckConstraint(
                condition=Q(date_fin_usage__isnull=True)
                | Q(date_reforme__isnull=True)
                | Q(date_fin_usage__gte=F("date_reforme")),
                name="equipement_sortie_apres_reforme",
                violation_error_message="La sortie ne peut pas précéder la réforme.",
            ),
            models.CheckConstraint(
                condition=Q(engagement_reemploi=False) | ~Q(destination=""),
                name="equipement_engagement_si_destination",
                violation_error_message="Un engagement de réemploi suppose une destination.",
            ),
            models.CheckConstraint(
                condition=Q(annee_acquisition__isnull=True)
                | Q(annee_acquisition__gte=ANNEE_MIN, annee_acquisition__lte=ANNEE_MAX),
                name="equipement_annee_plausible",
            ),
            models.CheckConstraint(
                condition=Q(prix_achat_ht__isnull=True) | Q(prix_achat_ht__gte=0),
                name="equipement_prix_positif",
            ),
            models.CheckConstraint(
                condition=Q(poids_kg__isnull=True) | Q(poids_kg__gte=0),
                name="equipement_poids_positif",
            ),
            models.UniqueConstraint(
                fields=["collectivite", "numero_serie"],
                condition=~Q(numero_serie=""),
                name="equipement_serie_unique",
                violation_error_message="Ce numéro de série existe déjà dans votre parc.",
            ),
            models.UniqueConstraint(
                fields=["collectivite", "numero_inventaire"],
                condition=~Q(numero_inventaire=""),
                name="equipement_inventaire_unique",
                violation_error_message="Ce numéro d'inventaire existe déjà dans votre parc.",
            ),
        ]

    def __str__(self):
        nom = " ".join(p for p in (self.marque, self.modele) if p) or str(self.type)
        repere = self.nom or self.numero_inventaire or self.numero_serie or f"n° {self.pk}"
        return f"{nom} ({repere})"

    def get_absolute_url(self):
        return reverse("parc:equipement", kwargs={"pk": self.pk})

    @property
    def a_completer(self) -> bool:
        """Réformé sans destination connue ou sans date de fin d'usage (voir le queryset)."""
        return self.statut == Statut.REFORME and (
            self.destination == Destination.NON_RENSEIGNEE
            or (self.date_fin_usage is None and self.date_reforme is None)
        )

    def clean(self):
        if self.date_acquisition:
            if self.annee_acquisition and self.annee_acquisition != self.date_acquisition.year:
                raise ValidationError(
                    {"annee_acquisition": "L'année ne correspond pas à la date d'acquisition."}
                )
            self.annee_acquisition = self.date_acquisition.year
        if (
            self.date_fin_usage
            and self.annee_acquisition
            and self.date_fin_usage.year < self.annee_acquisition
        ):
            raise ValidationError(
                {"date_fin_usage": "La fin d'usage ne peut pas précéder l'acquisition."}
            )
        # Un réformé importé sans rien de sa sortie (GLPI « Rebut ») garde la destination
        # « Non renseignée » sans date : il est « À compléter », ni en attente ni sorti.
        importe_sans_sortie = self.destination == Destination.NON_RENSEIGNEE
        if not importe_sans_sortie and bool(self.destination) != bool(self.date_fin_usage):
            raise ValidationError("Une sortie du parc a une date et une destination.")
        if self.statut == Statut.REFORME and not (
            self.date_reforme or self.date_fin_usage or importe_sans_sortie
        ):
            raise ValidationError(
                {"date_reforme": "Un équipement réformé a une date de décision de réforme."}
            )
        if self.date_reforme and self.date_fin_usage and self.date_fin_usage < self.date_reforme:
            raise ValidationError(
                {"date_fin_usage": "La sortie ne peut pas précéder la décision de réforme."}
            )
