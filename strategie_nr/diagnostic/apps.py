from django.apps import AppConfig


class DiagnosticConfig(AppConfig):
    name = "strategie_nr.diagnostic"
    label = "diagnostic"
    verbose_name = "Diagnostic de maturité"
