"""Réglages communs, lus dans l'environnement (voir `.env.example`)."""

import datetime
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("SECRET_KEY", default=None)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "strategie_nr.plateforme",
    "collectivites",
    "strategie_nr",
    "strategie_nr.referentiel",
    "parc",
    "parc.importation",
    "indicateurs",
    "strategie_nr.diagnostic",
    "strategie_nr.programme",
    "strategie_nr.fiches",
    "strategie_nr.documents",
    "strategie_nr.travaux",
    "strategie_nr.donnees",
    "strategie_nr.pieces",
    "strategie_nr.comparaison",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "strategie_nr.plateforme.middleware.ParametresHostilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "collectivites.middleware.CollectiviteCouranteMiddleware",
    "strategie_nr.plateforme.middleware.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "strategie_nr.urls"
WSGI_APPLICATION = "strategie_nr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "collectivites.context_processors.collectivite_courante",
            ],
        },
    },
    {
        # Courriels en texte brut : aucun échappement HTML (collectivites.courriels.texte_brut).
        "NAME": "texte",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Une transaction qui écrit prend le verrou dès son début et attend son tour (20 s au plus) :
    # deux écritures simultanées (deux validations, le processus de tâches) se suivent au lieu de
    # se heurter à « database is locked ».
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Travaux longs (PDF, gros exports, imports, e-mails) : l'API des tâches de Django (django-tasks,
# le portage de `django.tasks` de Django 6) avec sa file en base (django-tasks-db), vidée par
# `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TRAVAUX_TENTATIVES_MAX = env.int("TRAVAUX_TENTATIVES_MAX", default=3)
# Au-delà de ces tailles, un export XLSX du parc et la confirmation d'un import passent par un
# processus de tâches (page de suivi) au lieu de retenir la requête.
EXPORT_EN_ARRIERE_PLAN_LIGNES = env.int("EXPORT_EN_ARRIERE_PLAN_LIGNES", default=5000)
IMPORT_EN_ARRIERE_PLAN_OCTETS = env.int("IMPORT_EN_ARRIERE_PLAN_OCTETS", default=256 * 1024)
TRAVAUX_DELAI_REPRISE = env.int("TRAVAUX_DELAI_REPRISE", default=30)  # secondes, × l'essai

AUTH_USER_MODEL = "collectivites.Utilisateur"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "connexion"
LOGIN_REDIRECT_URL = "tableau_de_bord"
LOGOUT_REDIRECT_URL = "connexion"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # un jour

# Protection de la connexion (django-axes, sur toutes les voies de connexion, /admin/ compris) :
# un compte est bloqué après CONNEXION_TENTATIVES_MAX échecs, le couple compte + adresse du
# client aussi ; les échecs sont comptés en base, partagée par tous les processus.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
CONNEXION_TENTATIVES_MAX = env.int("CONNEXION_TENTATIVES_MAX", default=5)
CONNEXION_BLOCAGE_SECONDES = env.int("CONNEXION_BLOCAGE_SECONDES", default=15 * 60)
# Nombre de proxys inverses de confiance devant l'application : l'adresse du client est lue
# dans X-Forwarded-For à travers eux seulement (0 : REMOTE_ADDR, sans proxy).
PROXIES_DE_CONFIANCE = env.int("PROXIES_DE_CONFIANCE", default=0)
AXES_FAILURE_LIMIT = CONNEXION_TENTATIVES_MAX
AXES_COOLOFF_TIME = datetime.timedelta(seconds=CONNEXION_BLOCAGE_SECONDES)
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # le champ des formulaires de connexion (et de l'admin)
AXES_USERNAME_CALLABLE = "collectivites.securite.identifiant_de_connexion"
AXES_CLIENT_IP_CALLABLE = "collectivites.securite.adresse_client"
AXES_LOCKOUT_CALLABLE = "collectivites.securite.reponse_connexion_bloquee"
AXES_VERBOSE = False
# Données ouvertes (pages et API publiques) : demandes par minute et par adresse du client
# (0 : sans limite), durée de vie des réponses en cache (s) ; un changement des choix de
# publication les renouvelle aussitôt.
DONNEES_DEMANDES_PAR_MINUTE = env.int("DONNEES_DEMANDES_PAR_MINUTE", default=120)
DONNEES_CACHE_SECONDES = env.int("DONNEES_CACHE_SECONDES", default=300)
# Demandes de réinitialisation du mot de passe, par heure, par adresse e-mail et par client.
REINITIALISATION_DEMANDES_MAX = env.int("REINITIALISATION_DEMANDES_MAX", default=5)
CSRF_FAILURE_VIEW = "strategie_nr.plateforme.erreurs.csrf_refuse"
INVITATION_VALIDITE_JOURS = 7

LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Pièces justificatives (délibérations, comptes rendus, factures) : jamais servies directement,
# seulement par la vue qui vérifie l'adhésion. Par défaut un dossier local hors des dossiers
# publiés (statiques, médias) ; `PIECES_STOCKAGE=s3` pour un stockage objet compatible S3,
# partagé par plusieurs serveurs (paquets de `requirements-s3.txt`).
PIECES_TAILLE_MAX = env.int("PIECES_TAILLE_MAX", default=10 * 1024 * 1024)
if env("PIECES_STOCKAGE", default="local") == "s3":
    STOCKAGE_PIECES = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("PIECES_S3_BUCKET"),
            "endpoint_url": env("PIECES_S3_ENDPOINT_URL", default=None),
            "region_name": env("PIECES_S3_REGION", default=None),
            "access_key": env("PIECES_S3_ACCESS_KEY", default=None),
            "secret_key": env("PIECES_S3_SECRET_KEY", default=None),
            "location": env("PIECES_S3_PREFIXE", default="pieces"),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
else:
    STOCKAGE_PIECES = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.path("PIECES_ROOT", default=BASE_DIR / "pieces_justificatives"),
            "directory_permissions_mode": 0o750,
            "file_permissions_mode": 0o640,
        },
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "pieces": STOCKAGE_PIECES,
}

vars().update(env.email("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Stratégie NR <ne-pas-repondre@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Adresse publique de l'application, pour les liens des courriels envoyés hors requête.
ADRESSE_PUBLIQUE = env("ADRESSE_PUBLIQUE", default="http://127.0.0.1:8000")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Limites de tout fichier importé (parc, plan d'action…), vérifiées avant de le lire : taille
# envoyée, taille une fois décompressé (XLSX, ODS), nombre de lignes et de cellules.
TABLEURS_TAILLE_MAX = env.int("TABLEURS_TAILLE_MAX", default=20 * 1024 * 1024)
TABLEURS_DECOMPRESSE_MAX = env.int("TABLEURS_DECOMPRESSE_MAX", default=50 * 1024 * 1024)
TABLEURS_LIGNES_MAX = env.int("TABLEURS_LIGNES_MAX", default=200_000)
TABLEURS_CELLULES_MAX = env.int("TABLEURS_CELLULES_MAX", default=2_000_000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
