"""Poste de développement : `make run`."""

from .base import *  # noqa: F403
from .base import STOCKAGE_PIECES, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-uniquement-cle-non-secrete")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "pieces": STOCKAGE_PIECES,
}
# Les fichiers statiques sont servis depuis `static/` sans collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
