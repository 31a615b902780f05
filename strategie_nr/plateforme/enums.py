from django.db import models


class ActionHistorique(models.TextChoices):
    CREATION = "creation", "Création"
    MODIFICATION = "modification", "Modification"
    SUPPRESSION = "suppression", "Suppression"
    REFORME = "reforme", "Réforme"
    IMPORT = "import", "Import"
    FIGEE = "figee", "Valeur figée"


class NatureValeur(models.TextChoices):
    """Comment afficher une valeur gardée par l'historique (voir `formats`)."""

    TEXTE = "texte", "Texte"
    NOMBRE = "nombre", "Nombre"
    MONTANT = "montant", "Montant"
    ANNEE = "annee", "Année"
    DATE = "date", "Date"
    BOOLEEN = "booleen", "Oui ou non"
