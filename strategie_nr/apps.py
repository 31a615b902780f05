from django.apps import AppConfig


class StrategieNrConfig(AppConfig):
    name = "strategie_nr"
    verbose_name = "Stratégie numérique responsable"
