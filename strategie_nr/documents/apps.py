from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "strategie_nr.documents"
    label = "documents"
    verbose_name = "Documents pour les élus"

    def ready(self):
        from strategie_nr.fiches.services import apres_validation_enregistrer

        from . import (
            contextes,  # noqa: F401  (enregistre les sections des documents)
            travaux,
        )
        from .services import document_officiel_demander

        travaux.enregistrer()
        apres_validation_enregistrer(document_officiel_demander)
