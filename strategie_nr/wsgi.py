"""Point d'entrée WSGI (gunicorn strategie_nr.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategie_nr.settings.production")

application = get_wsgi_application()
