from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "strategie_nr.documents"
    label = "documents"
    verbose_name = "Documents pour les élus"
