"""Publication des chiffres de la comparaison.

Les chiffres sont arrêtés d'un coup pour toutes les collectivités participantes
(`services.comparaison_publier`, chaque nuit) : entre deux publications, rien ne bouge, ni une
adhésion ni un retrait ; une page n'agrège jamais à la volée les données des autres.
"""

from django.db import models
from django.db.models import Q

from collectivites.enums import Nature
from strategie_nr.plateforme.locataire import ModeleLocataire

from .enums import Strate


class Publication(models.Model):
    publiee_le = models.DateTimeField("publiée le")
    annee = models.PositiveSmallIntegerField(
        "année close", help_text="Année des chiffres du parc et des fiches."
    )

    class Meta:
        verbose_name = "publication de la comparaison"
        verbose_name_plural = "publications de la comparaison"
        ordering = ["-publiee_le", "-pk"]

    def __str__(self):
        return f"Comparaison publiée le {self.publiee_le:%d/%m/%Y %H:%M}"


class Contribution(ModeleLocataire):
    """Le chiffre d'une collectivité tel qu'il a été publié : elle seule le voit."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="contributions"
    )
    code = models.CharField("chiffre", max_length=60)
    annee = models.PositiveSmallIntegerField("année")
    valeur = models.DecimalField("valeur", max_digits=20, decimal_places=6)
    origine = models.CharField("origine", max_length=60)
    precision = models.CharField("précision de l'origine", max_length=200, blank=True)

    class Meta:
        verbose_name = "contribution"
        verbose_name_plural = "contributions"
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "collectivite", "code"],
                name="contribution_unique_par_chiffre",
            )
        ]

    def __str__(self):
        return f"{self.code} {self.annee}"


class Statistique(models.Model):
    """Médiane et quartiles d'un chiffre dans un groupe publiable (5 collectivités au moins,
    voir `statistiques.groupes_publiables`) ; ni minimum, ni maximum, ni qui."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="statistiques"
    )
    code = models.CharField("chiffre", max_length=60)
    nature = models.CharField("nature", max_length=20, choices=Nature.choices, blank=True)
    strate = models.CharField("strate", max_length=20, choices=Strate.choices, blank=True)
    effectif = models.PositiveIntegerField("nombre de collectivités")
    premier_quartile = models.DecimalField("premier quartile", max_digits=20, decimal_places=6)
    mediane = models.DecimalField("médiane", max_digits=20, decimal_places=6)
    troisieme_quartile = models.DecimalField("troisième quartile", max_digits=20, decimal_places=6)

    class Meta:
        verbose_name = "statistique de groupe"
        verbose_name_plural = "statistiques de groupe"
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "code", "nature", "strate"],
                name="statistique_unique_par_groupe",
            ),
            models.CheckConstraint(condition=Q(effectif__gte=5), name="statistique_cinq_au_moins"),
        ]

    def __str__(self):
        return f"{self.code} ({self.nature or 'toutes'}, {self.strate or 'toutes'})"
