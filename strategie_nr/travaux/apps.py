from django.apps import AppConfig


class TravauxConfig(AppConfig):
    name = "strategie_nr.travaux"
    label = "travaux"
    verbose_name = "Travaux en arrière-plan"
