from django.apps import AppConfig


class FichesConfig(AppConfig):
    name = "strategie_nr.fiches"
    label = "fiches"
    verbose_name = "Fiches actions et feuille de route"

    def ready(self):
        from strategie_nr.etapes import controles_enregistrer
        from strategie_nr.taches import taches_enregistrer

        from .selectors import controles_etape_4, controles_etape_5
        from .taches import taches_fiches

        taches_enregistrer(taches_fiches)
        controles_enregistrer(4, controles_etape_4)
        controles_enregistrer(5, controles_etape_5)
