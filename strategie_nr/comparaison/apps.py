from django.apps import AppConfig


class ComparaisonConfig(AppConfig):
    name = "strategie_nr.comparaison"
    label = "comparaison"
    verbose_name = "Comparaison anonyme entre collectivités"
