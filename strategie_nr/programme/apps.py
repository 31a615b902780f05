from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "strategie_nr.programme"
    label = "programme"
    verbose_name = "Programme de travail"
