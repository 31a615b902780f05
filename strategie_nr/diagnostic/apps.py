from django.apps import AppConfig


class DiagnosticConfig(AppConfig):
    name = "strategie_nr.diagnostic"
    label = "diagnostic"
    verbose_name = "Diagnostic de maturité"

    def ready(self):
        from strategie_nr.etapes import controles_enregistrer
        from strategie_nr.referentiel.services import chargement_enregistrer
        from strategie_nr.taches import taches_enregistrer

        from .controles import controles_diagnostic
        from .services import questions_charger
        from .taches import taches_diagnostic

        taches_enregistrer(taches_diagnostic)
        controles_enregistrer(3, controles_diagnostic)
        chargement_enregistrer(questions_charger)
