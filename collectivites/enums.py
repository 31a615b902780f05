from django.db import models


class Nature(models.TextChoices):
    COMMUNE = "commune", "Commune"
    EPCI = "epci", "EPCI à fiscalité propre"
    DEPARTEMENT = "departement", "Département"
    REGION = "region", "Région"
    SYNDICAT = "syndicat", "Syndicat"
    AUTRE = "autre", "Autre"


class Role(models.TextChoices):
    AGENT = "agent", "Agent"
    REFERENT = "referent", "Référent numérique responsable"
    ELU = "elu", "Élu"


class EnvoiInvitation(models.TextChoices):
    EN_COURS = "en_cours", "Envoi en cours"
    ENVOYEE = "envoyee", "Envoyée"
    ECHOUE = "echoue", "Non envoyée"
