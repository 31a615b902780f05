from django.apps import AppConfig


class CollectivitesConfig(AppConfig):
    name = "collectivites"
    verbose_name = "Collectivités et membres"
