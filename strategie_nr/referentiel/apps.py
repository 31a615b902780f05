from django.apps import AppConfig


class ReferentielConfig(AppConfig):
    name = "strategie_nr.referentiel"
    label = "referentiel"
    verbose_name = "Référentiel"
