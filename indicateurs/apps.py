from django.apps import AppConfig


class IndicateursConfig(AppConfig):
    name = "indicateurs"
    verbose_name = "Indicateurs et objectifs"

    def ready(self):
        from strategie_nr.etapes import controles_enregistrer
        from strategie_nr.referentiel.services import chargement_enregistrer
        from strategie_nr.taches import taches_enregistrer

        from .controles import controles_objectifs, controles_suivi
        from .services import definitions_charger
        from .taches import taches_indicateurs

        taches_enregistrer(taches_indicateurs)
        controles_enregistrer(4, controles_objectifs)
        controles_enregistrer(5, controles_suivi)
        chargement_enregistrer(definitions_charger)
