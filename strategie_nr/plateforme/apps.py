from django.apps import AppConfig


class PlateformeConfig(AppConfig):
    name = "strategie_nr.plateforme"
    label = "plateforme"
    verbose_name = "Plateforme"
