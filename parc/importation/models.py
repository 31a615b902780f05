"""Modèles : import du parc (fichiers en attente de confirmation, correspondances)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from collectivites.models import Collectivite
from strategie_nr.plateforme.locataire import LocataireQuerySet, ModeleLocataire


class ChampCorrespondance(models.TextChoices):
    TYPE = "type", "Type d'équipement"
    STATUT = "statut", "Statut"


class CorrespondanceImport(ModeleLocataire):
    """Ce que veut dire, pour une collectivité, une valeur de ses fichiers (« Ordinateurs »)."""

    collectivite = models.ForeignKey(
        Collectivite,
        on_delete=models.CASCADE,
        related_name="correspondances_import",
        verbose_name="collectivité",
    )
    champ = models.CharField("champ", max_length=20, choices=ChampCorrespondance.choices)
    cle = models.CharField(
        "clé normalisée", max_length=200, help_text="Sans accents, casse ni ponctuation."
    )
    texte = models.CharField("valeur lue dans le fichier", max_length=200)
    valeur = models.CharField(
        "valeur retenue",
        max_length=50,
        help_text="Code du type d'équipement, ou statut.",
    )
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="choisie par",
    )
    modifie_le = models.DateTimeField("choisie le", auto_now=True)

    class Meta:
        verbose_name = "correspondance d'import"
        verbose_name_plural = "correspondances d'import"
        ordering = ["collectivite", "champ", "texte"]
        constraints = [
            models.UniqueConstraint(
                fields=["collectivite", "champ", "cle"], name="correspondance_import_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(champ__in=ChampCorrespondance.values),
                name="correspondance_import_champ_connu",
            ),
            models.CheckConstraint(
                condition=~models.Q(cle=""), name="correspondance_import_cle_non_vide"
            ),
        ]

    def __str__(self):
        return f"{self.get_champ_display()} « {self.texte} » → {self.valeur}"


class ImportEnAttenteQuerySet(LocataireQuerySet):
    def valides(self):
        """En attente de confirmation : ni expirés, ni déjà confirmés."""
        return self.filter(expire_le__gt=timezone.now(), confirme_le__isnull=True)

    def confirmes(self):
        """Déjà confirmés : gardés jusqu'à leur expiration pour répondre à un second clic."""
        return self.filter(expire_le__gt=timezone.now(), confirme_le__isnull=False)

    def expires(self):
        return self.filter(expire_le__lte=timezone.now())


class ImportEnAttente(ModeleLocataire):
    """Un fichier déposé, conservé en base le temps de l'aperçu et de la confirmation."""

    collectivite = models.ForeignKey(
        Collectivite,
        on_delete=models.CASCADE,
        related_name="imports_en_attente",
        verbose_name="collectivité",
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="déposé par",
    )
    nom_fichier = models.CharField("nom du fichier", max_length=255)
    contenu = models.BinaryField("contenu")
    taille = models.PositiveIntegerField("taille (octets)")
    empreinte = models.CharField("empreinte SHA-256", max_length=64)
    type_par_defaut = models.ForeignKey(
        "parc.TypeEquipement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="type des lignes sans type",
        help_text="Les exports d'écrans de GLPI laissent souvent la colonne Type vide.",
    )
    service_depuis_entite = models.BooleanField(
        "service tiré de l'entité",
        default=True,
        help_text="Sans colonne Service, le dernier segment de l'entité GLPI sert de service.",
    )
    apercu = models.JSONField("aperçu calculé", null=True, blank=True, editable=False)
    apercu_cle = models.CharField("clé de l'aperçu", max_length=64, blank=True, editable=False)
    cree_le = models.DateTimeField("déposé le", default=timezone.now)
    expire_le = models.DateTimeField("expire le")
    confirme_le = models.DateTimeField("confirmé le", null=True, blank=True, editable=False)
    lignes_importees = models.PositiveIntegerField(
        "lignes importées",
        null=True,
        blank=True,
        editable=False,
        help_text="Équipements créés ou mis à jour par la confirmation.",
    )

    objects = ImportEnAttenteQuerySet.as_manager()

    class Meta:
        verbose_name = "import en attente"
        verbose_name_plural = "imports en attente"
        ordering = ["-cree_le"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expire_le__gt=models.F("cree_le")),
                name="import_en_attente_expire_apres_depot",
            ),
            models.CheckConstraint(
                condition=models.Q(confirme_le__isnull=True, lignes_importees__isnull=True)
                | models.Q(confirme_le__isnull=False, lignes_importees__isnull=False),
                name="import_en_attente_confirme_avec_lignes",
            ),
        ]

    def __str__(self):
        return f"{self.nom_fichier} ({self.collectivite})"

    def get_absolute_url(self):
        return reverse("import_parc:apercu", kwargs={"pk": self.pk})
