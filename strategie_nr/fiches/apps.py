from django.apps import AppConfig


class FichesConfig(AppConfig):
    name = "strategie_nr.fiches"
    label = "fiches"
    verbose_name = "Fiches actions et feuille de route"
