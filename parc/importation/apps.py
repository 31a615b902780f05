from django.apps import AppConfig


class ImportationParcConfig(AppConfig):
    name = "parc.importation"
    label = "importation_parc"
    verbose_name = "Import du parc"

    def ready(self):
        from strategie_nr.taches import taches_enregistrer

        from .taches import taches_import

        taches_enregistrer(taches_import)

        from . import travaux

        travaux.enregistrer()
