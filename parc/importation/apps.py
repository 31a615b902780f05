from django.apps import AppConfig


class ImportationParcConfig(AppConfig):
    name = "parc.importation"
    label = "importation_parc"
    verbose_name = "Import du parc"

    def ready(self):
        from . import travaux

        travaux.enregistrer()
