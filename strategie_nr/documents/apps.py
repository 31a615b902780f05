from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "strategie_nr.documents"
    label = "documents"
    verbose_name = "Documents pour les élus"

    def ready(self):
        from . import (
            contextes,  # noqa: F401  (enregistre les sections des documents)
            travaux,
        )

        travaux.enregistrer()
