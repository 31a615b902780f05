from django.apps import AppConfig


class ParcConfig(AppConfig):
    name = "parc"
    verbose_name = "Parc informatique"

    def ready(self):
        from strategie_nr.etapes import controles_enregistrer
        from strategie_nr.referentiel.services import chargement_enregistrer

        from . import travaux
        from .controles import controles_parc
        from .indicateurs import indicateurs_enregistrer
        from .services import types_equipement_charger

        indicateurs_enregistrer()
        travaux.enregistrer()
        controles_enregistrer(3, controles_parc)
        chargement_enregistrer(types_equipement_charger)
