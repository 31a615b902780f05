from django.apps import AppConfig


class DonneesConfig(AppConfig):
    name = "strategie_nr.donnees"
    label = "donnees"
    verbose_name = "Données ouvertes"
