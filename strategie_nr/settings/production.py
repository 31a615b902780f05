"""Production : durcit les réglages communs, rien d'autre."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Un cache par processus (locmem) ne limite rien quand plusieurs processus servent : refusé.
# Par défaut, le cache en base (table créée par `manage.py createcachetable`) ; Redis si
# CACHE_URL le dit (rediscache://…, paquet `redis` à installer).
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://cache_django")}
if CACHES["default"]["BACKEND"] in (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
):
    raise ImproperlyConfigured(
        "CACHE_URL désigne un cache propre à chaque processus : en production, utilisez le "
        "cache en base (dbcache://cache_django, après `manage.py createcachetable`) ou Redis."
    )
