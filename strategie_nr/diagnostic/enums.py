from django.db import models


class TypeEvenementCampagne(models.TextChoices):
    OUVERTURE = "ouverture", "Ouverture"
    CLOTURE = "cloture", "Clôture"
    REOUVERTURE = "reouverture", "Réouverture"
