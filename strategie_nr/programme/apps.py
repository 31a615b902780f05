from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "strategie_nr.programme"
    label = "programme"
    verbose_name = "Programme de travail"

    def ready(self):
        from strategie_nr.etapes import PREREQUIS_DECRET, controles_enregistrer

        from .selectors import controles_prerequis_programme

        controles_enregistrer(PREREQUIS_DECRET, controles_prerequis_programme)
