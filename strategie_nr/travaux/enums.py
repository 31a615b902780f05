from django.db import models


class NatureTravail(models.TextChoices):
    STRATEGIE_PDF = "strategie_pdf", "Stratégie (PDF)"
    BILAN_PDF = "bilan_pdf", "Bilan annuel (PDF)"
    FICHE_PDF = "fiche_pdf", "Fiche action (PDF)"
    STRATEGIE_WORD = "strategie_word", "Stratégie (Word)"
    BILAN_WORD = "bilan_word", "Bilan annuel (Word)"
    DOCUMENT_OFFICIEL = "document_officiel", "Document officiel d'une version validée"
    EXPORT_PARC = "export_parc", "Export du parc (XLSX)"
    IMPORT_PARC = "import_parc", "Import d'un inventaire"


class StatutTravail(models.TextChoices):
    EN_ATTENTE = "en_attente", "En attente"
    EN_COURS = "en_cours", "En préparation"
    TERMINE = "termine", "Prêt"
    ECHOUE = "echoue", "Échoué"
