from django.db import models


class Choix(models.TextChoices):
    """Ce qu'une collectivité peut publier, chacun à part."""

    INDICATEURS = "indicateurs", "Indicateurs et leurs valeurs annuelles"
    STRATEGIE = "strategie", "Stratégie validée (PDF officiel)"
    DECLARATION_AGEC = "declaration_agec", "Déclaration annuelle AGEC"
