from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from collectivites.models import Collectivite
from strategie_nr.tableurs import cle_valeur

from .enums import Action, Destination, Origine, Statut

ANNEE_MIN, ANNEE_MAX = 1980, 2100


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


class EquipementQuerySet(models.QuerySet):
    def for_collectivite(self, collectivite):
        return self.filter(collectivite=collectivite)

    def a_completer(self):
        """Réformés dont la destination ou la date de fin d'usage manque."""
        return self.filter(statut=Statut.REFORME).filter(
            Q(destination=Destination.NON_RENSEIGNEE) | Q(date_fin_usage__isnull=True)
        )


class Equipement(models.Model):
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
    date_fin_usage = models.DateField("date de fin d'usage", null=True, blank=True)
    destination = models.CharField(
        "destination", max_length=20, choices=Destination.choices, blank=True
    )
    beneficiaire = models.CharField(
        "bénéficiaire", max_length=200, blank=True, help_text="Association, établissement, CCAS…"
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
                condition=~Q(statut=Statut.REFORME) | ~Q(destination=""),
                name="equipement_reforme_a_destination",
                violation_error_message="Un équipement réformé a une destination.",
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
            self.destination == Destination.NON_RENSEIGNEE or self.date_fin_usage is None
        )

    def clean(self):
        from django.core.exceptions import ValidationError

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
        if self.statut == Statut.REFORME and not self.destination:
            raise ValidationError(
                "Un équipement réformé a une destination (« Non renseignée » si elle est inconnue)."
            )


class EvenementEquipement(models.Model):
    """Historique d'un équipement : qui, quand, quoi (valeurs avant et après)."""

    equipement = models.ForeignKey(Equipement, on_delete=models.CASCADE, related_name="evenements")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    date = models.DateTimeField("date", auto_now_add=True)
    action = models.CharField("action", max_length=20, choices=Action.choices)
    changements = models.JSONField("changements", default=dict, blank=True)

    class Meta:
        verbose_name = "modification d'équipement"
        verbose_name_plural = "historique des équipements"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} — {self.equipement_id}"
