from django.db import models


class Priorite(models.TextChoices):
    PRIORITAIRE = "prioritaire", "Prioritaire"
    RECOMMANDEE = "recommandee", "Recommandée"
    ALLER_PLUS_LOIN = "aller_plus_loin", "Aller plus loin"


class Difficulte(models.TextChoices):
    FACILE = "facile", "Facile"
    MOYENNE = "moyenne", "Moyenne"
    DIFFICILE = "difficile", "Difficile"


class Barometre(models.IntegerChoices):
    """Baromètre de maturité de la grille de l'ANCT."""

    INEXISTANT = 1, "Inexistant"
    EMERGENT = 2, "Émergent"
    INTERMEDIAIRE = 3, "Intermédiaire"
    AVANCE = 4, "Avancé"
    MAXIMUM = 5, "Maximum"
