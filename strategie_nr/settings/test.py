"""Réglages de la suite de tests (`make test`)."""

import hashlib
import tempfile
from pathlib import Path

from django.template.base import TemplateSyntaxError

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, TEMPLATES, env


class VariableDeGabaritInconnue(str):
    """Fait échouer les tests sur toute variable de gabarit inconnue."""

    def __mod__(self, nom):
        raise TemplateSyntaxError(f"Variable de gabarit inconnue : {nom!r}")


DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="tests-uniquement-cle-non-secrete")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "pieces": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
for _moteur in TEMPLATES:
    _moteur["OPTIONS"]["string_if_invalid"] = VariableDeGabaritInconnue("%s")
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Les fichiers statiques sont servis depuis `static/` sans collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Une base de test dans un fichier, comme celle de `make run`, et non en mémoire partagée
    # (dont les verrous par table ne ressemblent pas à ceux d'un fichier) : les tests de
    # concurrence y voient ce que voient deux processus. Un fichier par copie du projet.
    _suffixe = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"strategie-nr-tests-{_suffixe}.sqlite3")
    }
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous=OFF"
