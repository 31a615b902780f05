import datetime
import hashlib
import unicodedata

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from strategie_nr.plateforme.locataire import LocataireQuerySet, ModeleLocataire

from .enums import EnvoiInvitation, Nature, Role
from .validators import valider_code_officiel, valider_siret

SEUIL_REEN_HABITANTS = 50_000
ECHEANCE_STRATEGIE_REEN = datetime.date(2025, 1, 1)
PREMIER_BILAN_REEN = 2025


class UtilisateurManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class Utilisateur(AbstractUser):
    """Une personne, identifiée par son adresse e-mail."""

    username = None
    email = models.EmailField("adresse e-mail", unique=True)
    recevoir_rappels = models.BooleanField(
        "recevoir chaque semaine le récapitulatif de mes tâches",
        default=True,
        help_text="Un courriel le lundi, seulement quand quelque chose est à faire.",
    )

    objects = UtilisateurManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="utilisateur_email_unique_insensible"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = (self.email or "").strip().lower()


class Collectivite(models.Model):
    nom = models.CharField("nom", max_length=200)
    nature = models.CharField("nature", max_length=20, choices=Nature.choices)
    code_officiel = models.CharField(
        "code officiel",
        max_length=9,
        unique=True,
        help_text="Code INSEE pour une commune (5 caractères), SIREN pour les autres (9 chiffres).",
    )
    siret = models.CharField(
        "SIRET",
        max_length=14,
        blank=True,
        help_text="14 chiffres, sans espace : demandé par la déclaration annuelle AGEC.",
    )
    population = models.PositiveIntegerField("population (habitants)")
    nombre_agents = models.PositiveIntegerField(
        "nombre d'agents", help_text="Sert aux indicateurs rapportés au nombre d'agents."
    )
    lancement_officiel_le = models.DateField(
        "date du lancement officiel de la démarche",
        null=True,
        blank=True,
        help_text="Étape 2 de la méthode de l'ANCT : séance, délibération ou annonce officielle.",
    )
    cree_le = models.DateTimeField("créée le", auto_now_add=True)
    participe_comparaison = models.BooleanField(
        "participe à la comparaison anonyme",
        default=False,
        help_text="Choix du référent : ses chiffres entrent, sans son nom, dans les médianes et "
        "quartiles que voient les autres collectivités participantes.",
    )

    class Meta:
        verbose_name = "collectivité"
        verbose_name_plural = "collectivités"
        ordering = ["nom"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nombre_agents__gte=0) & models.Q(population__gte=0),
                name="collectivite_effectifs_positifs",
            ),
        ]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("collectivites:profil_collectivite")

    def clean(self):
        self.code_officiel = (self.code_officiel or "").strip().upper()
        if self.nature:
            try:
                valider_code_officiel(self.code_officiel, nature=self.nature)
            except ValidationError as erreur:
                raise ValidationError({"code_officiel": erreur}) from erreur
        self.siret = "".join((self.siret or "").split())
        if self.siret:
            siren = "" if self.nature == Nature.COMMUNE else self.code_officiel
            try:
                valider_siret(self.siret, siren=siren)
            except ValidationError as erreur:
                raise ValidationError({"siret": erreur}) from erreur

    @property
    def libelle_code(self):
        return "Code INSEE" if self.nature == Nature.COMMUNE else "SIREN"

    @property
    def nature_en_phrase(self) -> str:
        """La nature au fil d'une phrase : « commune », mais « EPCI à fiscalité propre »."""
        libelle = self.get_nature_display()
        return libelle if libelle[:2].isupper() else libelle[:1].lower() + libelle[1:]

    @property
    def reen_applicable(self) -> bool:
        """Art. 35 de la loi REEN : communes et EPCI à fiscalité propre de plus de 50 000 hab."""
        return (
            self.nature in (Nature.COMMUNE, Nature.EPCI) and self.population > SEUIL_REEN_HABITANTS
        )

    def echeances_reen(self, aujourdhui: datetime.date | None = None) -> list[dict]:
        """Échéances légales qui découlent de l'art. 35, pour l'affichage."""
        if not self.reen_applicable:
            return []
        aujourdhui = aujourdhui or timezone.localdate()
        annee_bilan = max(PREMIER_BILAN_REEN, aujourdhui.year)
        return [
            {
                "libelle": "Adopter la stratégie numérique responsable",
                "date": ECHEANCE_STRATEGIE_REEN,
                "depassee": aujourdhui >= ECHEANCE_STRATEGIE_REEN,
                "detail": "Art. L. 2311-1-1 et D. 2311-15-1 du CGCT (décret n° 2022-1084).",
            },
            {
                "libelle": f"Bilan annuel {annee_bilan} de la stratégie",
                "date": None,
                "depassee": False,
                "detail": (
                    "À intégrer au rapport sur la situation en matière de développement durable, "
                    "présenté avant le débat sur le budget, chaque année depuis 2025."
                ),
            },
        ]


class MembreQuerySet(LocataireQuerySet):
    def actifs(self):
        return self.filter(actif=True)


class Membre(ModeleLocataire):
    """Appartenance d'une personne à une collectivité, avec son rôle."""

    collectivite = models.ForeignKey(
        Collectivite, on_delete=models.CASCADE, related_name="membres", verbose_name="collectivité"
    )
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="adhesions",
        verbose_name="utilisateur",
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    fonction = models.CharField(
        "fonction", max_length=200, blank=True, help_text="Par exemple : DSI, achats, formation."
    )
    actif = models.BooleanField("actif", default=True)
    cree_le = models.DateTimeField("membre depuis", auto_now_add=True)

    objects = MembreQuerySet.as_manager()

    class Meta:
        verbose_name = "membre"
        verbose_name_plural = "membres"
        ordering = ["collectivite", "utilisateur__last_name", "utilisateur__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["collectivite", "utilisateur"], name="membre_unique_par_collectivite"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membre_role_connu"
            ),
        ]

    def __str__(self):
        return f"{self.utilisateur} ({self.get_role_display()}, {self.collectivite})"

    @property
    def nom_dans_la_collectivite(self) -> str:
        """Le nom à afficher entre collègues (listes de choix) : la personne et sa fonction."""
        nom = str(self.utilisateur)
        return f"{nom} ({self.fonction})" if self.fonction else nom

    @property
    def est_referent(self):
        return self.role == Role.REFERENT

    @property
    def est_elu(self):
        return self.role == Role.ELU


class InvitationQuerySet(LocataireQuerySet):
    def en_attente(self):
        return self.filter(acceptee_le__isnull=True, annulee_le__isnull=True).filter(
            expire_le__gt=timezone.now()
        )


class Invitation(ModeleLocataire):
    """Invitation à rejoindre une collectivité : lien à usage unique, valable 7 jours."""

    collectivite = models.ForeignKey(
        Collectivite,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name="collectivité",
    )
    email = models.EmailField("adresse e-mail")
    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    fonction = models.CharField(
        "fonction", max_length=200, blank=True, help_text="Par exemple : DSI, achats, formation."
    )
    jeton_empreinte = models.CharField("empreinte du jeton", max_length=64, unique=True)
    invite_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="invitée par",
    )
    cree_le = models.DateTimeField("envoyée le", auto_now_add=True)
    expire_le = models.DateTimeField("expire le")
    acceptee_le = models.DateTimeField("acceptée le", null=True, blank=True)
    annulee_le = models.DateTimeField("annulée le", null=True, blank=True)
    envoi = models.CharField(
        "envoi du courriel",
        max_length=20,
        choices=EnvoiInvitation.choices,
        default=EnvoiInvitation.EN_COURS,
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        verbose_name_plural = "invitations"
        ordering = ["-cree_le"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="invitation_role_connu"
            ),
            models.CheckConstraint(
                condition=models.Q(envoi__in=EnvoiInvitation.values),
                name="invitation_envoi_connu",
            ),
        ]

    def __str__(self):
        return f"Invitation de {self.email} à {self.collectivite}"

    @staticmethod
    def empreinte(jeton: str) -> str:
        return hashlib.sha256(jeton.encode()).hexdigest()

    @property
    def expiree(self):
        return self.expire_le <= timezone.now()

    @property
    def utilisable(self):
        return self.acceptee_le is None and self.annulee_le is None and not self.expiree


def cle_de_service(nom: str) -> str:
    """« Urbanisme », « urbanisme », « URBANISME » et « Urbanisme  » ont la même clé."""
    sans_accents = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    return " ".join(sans_accents.lower().split())


class Service(ModeleLocataire):
    """Un service de la collectivité (DSI, urbanisme…), choisi dans les formulaires."""

    collectivite = models.ForeignKey(
        Collectivite, on_delete=models.CASCADE, related_name="services", verbose_name="collectivité"
    )
    nom = models.CharField("nom", max_length=150)
    cle = models.CharField("clé de comparaison", max_length=150, editable=False)

    class Meta:
        verbose_name = "service"
        verbose_name_plural = "services"
        ordering = ["nom"]
        constraints = [
            models.UniqueConstraint(
                fields=["collectivite", "cle"],
                name="service_unique_par_collectivite",
                violation_error_message="Ce service existe déjà dans la collectivité.",
            ),
            models.CheckConstraint(condition=~models.Q(cle=""), name="service_nomme"),
        ]

    def __str__(self):
        return self.nom

    def save(self, *args, **kwargs):
        self.cle = cle_de_service(self.nom)
        super().save(*args, **kwargs)

    def clean(self):
        self.nom = " ".join(self.nom.split())
        self.cle = cle_de_service(self.nom)
        if not self.cle:
            raise ValidationError({"nom": "Indiquez le nom du service."})
