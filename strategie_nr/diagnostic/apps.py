from django.apps import AppConfig


class DiagnosticConfig(AppConfig):
    name = "strategie_nr.diagnostic"
    label = "diagnostic"
    verbose_name = "Diagnostic de maturité"

    def ready(self):
        from strategie_nr.selectors import controles_enregistrer

        from .controles import controles_diagnostic

        controles_enregistrer(3, controles_diagnostic)
