"""Réglages de la suite de tests (`make test`)."""

from django.template.base import TemplateSyntaxError

from .base import *  # noqa: F403
from .base import TEMPLATES, env


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
}
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = VariableDeGabaritInconnue("%s")
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Les fichiers statiques sont servis depuis `static/` sans collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
