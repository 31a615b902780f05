from django.db import models


class Unite(models.TextChoices):
    NOMBRE = "nombre", "nombre"
    POURCENTAGE = "pourcentage", "%"
    KG = "kg", "kg"
    TONNE = "t", "t"
    TCO2E = "tco2e", "tCO2e"
    EUROS = "euros", "€"
    ANNEES = "annees", "années"
    OUI_NON = "oui_non", "oui/non"


class Sens(models.TextChoices):
    HAUSSE = "hausse", "Une hausse est une amélioration"
    BAISSE = "baisse", "Une baisse est une amélioration"


class Mode(models.TextChoices):
    SAISI = "saisi", "Saisi à la main"
    CALCULE = "calcule", "Calculé à partir du parc"


class Periodicite(models.TextChoices):
    ANNUEL = "annuel", "Annuel"
    PLURIANNUEL = "pluriannuel", "Pluriannuel"


class Avancement(models.TextChoices):
    ATTEINT = "atteint", "Atteint"
    EN_BONNE_VOIE = "en_bonne_voie", "En bonne voie"
    EN_RETARD = "en_retard", "En retard"
    SANS_DONNEE = "sans_donnee", "Sans donnée"
    NON_MESURABLE = "non_mesurable", "Sans indicateur"
