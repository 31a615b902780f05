from django.db import models


class TypeEquipement(models.Model):
    """Type d'équipement de la grille d'inventaire (référentiel commun)."""

    code = models.SlugField("code", max_length=50, unique=True)
    libelle = models.CharField("libellé", max_length=150)
    duree_vie_defaut_annees = models.DecimalField(
        "durée de vie par défaut (années)", max_digits=4, decimal_places=1
    )
    ordre = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "type d'équipement"
        verbose_name_plural = "types d'équipement"
        ordering = ["ordre", "libelle"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duree_vie_defaut_annees__gt=0),
                name="type_equipement_duree_vie_positive",
            )
        ]

    def __str__(self):
        return self.libelle
