"""Modèles : les choix de publication d'une collectivité et leur historique."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from collectivites.models import Collectivite, Membre
from strategie_nr.plateforme.locataire import ModeleLocataire

from .enums import Choix


class Publication(ModeleLocataire):
    """Ce que la collectivité publie en données ouvertes : rien par défaut.

    Chaque choix a sa date de publication (`…_depuis`, vide tant qu'il n'est pas publié) ;
    `modifiee_le` change à chaque changement de choix, ce qui renouvelle aussi les réponses
    mises en cache.
    """

    collectivite = models.OneToOneField(
        Collectivite,
        on_delete=models.CASCADE,
        related_name="publication",
        verbose_name="collectivité",
    )
    indicateurs = models.BooleanField("publier les indicateurs et leurs valeurs", default=False)
    indicateurs_depuis = models.DateTimeField("indicateurs publiés depuis", null=True, blank=True)
    strategie = models.BooleanField("publier la stratégie validée", default=False)
    strategie_depuis = models.DateTimeField("stratégie publiée depuis", null=True, blank=True)
    declaration_agec = models.BooleanField("publier la déclaration AGEC", default=False)
    declaration_agec_depuis = models.DateTimeField(
        "déclaration AGEC publiée depuis", null=True, blank=True
    )
    modifiee_le = models.DateTimeField("modifiée le", default=timezone.now)
    modifiee_par = models.ForeignKey(
        Membre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="modifiée par",
    )

    class Meta:
        verbose_name = "publication des données"
        verbose_name_plural = "publications des données"
        ordering = ["collectivite"]
        constraints = [
            # Un choix publié a sa date de publication, un choix retiré n'en a pas.
            models.CheckConstraint(
                condition=Q(**{choix: True, f"{choix}_depuis__isnull": False})
                | Q(**{choix: False, f"{choix}_depuis__isnull": True}),
                name=f"publication_{choix}_date_coherente",
            )
            for choix in Choix.values
        ]

    def __str__(self):
        return f"Publication des données — {self.collectivite}"

    @property
    def publie_quelque_chose(self) -> bool:
        return any(getattr(self, choix) for choix in Choix.values)

    def depuis(self, choix: str):
        return getattr(self, f"{choix}_depuis")
