from django.apps import AppConfig


class PiecesConfig(AppConfig):
    name = "strategie_nr.pieces"
    label = "pieces"
    verbose_name = "Pièces justificatives"
