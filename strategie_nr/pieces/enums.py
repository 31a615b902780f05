from django.db import models


class Rattachement(models.TextChoices):
    PROGRAMME = "programme", "Programme de travail"
    VERSION = "version", "Version de la feuille de route"
    FICHE = "fiche", "Fiche action"


class NaturePiece(models.TextChoices):
    DELIBERATION = "deliberation", "Délibération du conseil"
    COPIL = "copil", "Compte rendu de COPIL"
    REEMPLOI = "reemploi", "Preuve d'engagement de réemploi"
    FACTURE = "facture", "Facture"
    AUTRE = "autre", "Autre justificatif"
