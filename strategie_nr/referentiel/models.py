"""Référentiel commun à toutes les collectivités : lecture seule, modifiable dans l'admin."""

from django.db import models
from django.urls import reverse

from .enums import Difficulte, Priorite


class Axe(models.Model):
    """Un des six axes thématiques de la traduction opérationnelle du décret REEN."""

    numero = models.PositiveSmallIntegerField("numéro", unique=True)
    titre = models.CharField("titre", max_length=300)

    class Meta:
        verbose_name = "axe REEN"
        verbose_name_plural = "axes REEN"
        ordering = ["numero"]

    def __str__(self):
        return f"{self.numero}. {self.titre}"

    def get_absolute_url(self):
        return reverse("referentiel:axe", args=[self.numero])


class ElementAxe(models.Model):
    axe = models.ForeignKey(Axe, on_delete=models.CASCADE, verbose_name="axe")
    ordre = models.PositiveSmallIntegerField("ordre")
    texte = models.TextField("texte", help_text="Les liens s'écrivent [texte](adresse).")

    class Meta:
        abstract = True
        ordering = ["axe__numero", "ordre"]

    def __str__(self):
        return self.texte[:80]


class ActionExemple(ElementAxe):
    sous_elements = models.JSONField("sous-éléments", default=list, blank=True)

    class Meta(ElementAxe.Meta):
        verbose_name = "exemple d'action"
        verbose_name_plural = "exemples d'actions"
        default_related_name = "actions"
        constraints = [
            models.UniqueConstraint(fields=["axe", "ordre"], name="action_exemple_ordre_unique")
        ]


class IndicateurExemple(ElementAxe):
    class Meta(ElementAxe.Meta):
        verbose_name = "exemple d'indicateur"
        verbose_name_plural = "exemples d'indicateurs"
        default_related_name = "indicateurs"
        constraints = [
            models.UniqueConstraint(fields=["axe", "ordre"], name="indicateur_exemple_ordre_unique")
        ]


class Ressource(ElementAxe):
    url = models.URLField("lien", max_length=500, blank=True)

    class Meta(ElementAxe.Meta):
        verbose_name = "outil ou ressource"
        verbose_name_plural = "outils et ressources"
        default_related_name = "ressources"
        constraints = [
            models.UniqueConstraint(fields=["axe", "ordre"], name="ressource_ordre_unique")
        ]


class RetourExperience(ElementAxe):
    class Meta(ElementAxe.Meta):
        verbose_name = "retour d'expérience"
        verbose_name_plural = "retours d'expérience"
        default_related_name = "retours_experience"
        constraints = [
            models.UniqueConstraint(fields=["axe", "ordre"], name="retour_experience_ordre_unique")
        ]


class Famille(models.Model):
    """Thématique (famille) du guide de bonnes pratiques : a. à i."""

    code = models.CharField("code", max_length=5, unique=True)
    titre = models.CharField("titre", max_length=200)
    description = models.TextField("description", blank=True)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "famille de bonnes pratiques"
        verbose_name_plural = "familles de bonnes pratiques"
        ordering = ["ordre", "code"]

    def __str__(self):
        return f"{self.code} {self.titre}"


class Pratique(models.Model):
    """Bonne pratique du guide numérique responsable pour les organisations (MiNumEco, v1)."""

    code = models.CharField("code", max_length=10, unique=True)
    titre = models.CharField("titre", max_length=300)
    famille = models.ForeignKey(
        Famille, on_delete=models.PROTECT, related_name="pratiques", verbose_name="famille"
    )
    priorite = models.CharField("priorité", max_length=20, choices=Priorite.choices)
    difficulte = models.CharField("difficulté", max_length=20, choices=Difficulte.choices)
    pilotes = models.JSONField("exemples de pilotes", default=list, blank=True)
    indicateurs = models.JSONField("exemples d'indicateurs", default=list, blank=True)
    url = models.URLField("lien", max_length=500, blank=True)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "bonne pratique"
        verbose_name_plural = "bonnes pratiques"
        ordering = ["famille__ordre", "ordre"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(priorite__in=Priorite.values), name="pratique_priorite_connue"
            ),
            models.CheckConstraint(
                condition=models.Q(difficulte__in=Difficulte.values),
                name="pratique_difficulte_connue",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.titre}"

    def get_absolute_url(self):
        return reverse("referentiel:pratique", args=[self.code])


class Dimension(models.Model):
    """Dimension de la grille de maturité (7 dimensions)."""

    numero = models.PositiveSmallIntegerField("numéro", unique=True)
    titre = models.CharField("titre", max_length=200)
    description = models.TextField("description", blank=True)

    class Meta:
        verbose_name = "dimension de maturité"
        verbose_name_plural = "dimensions de maturité"
        ordering = ["numero"]

    def __str__(self):
        return f"{self.numero}. {self.titre}"


class EtapeAnct(models.Model):
    """Étape de la méthode de l'ANCT en 5 étapes."""

    numero = models.PositiveSmallIntegerField("numéro", unique=True)
    titre = models.CharField("titre", max_length=200)
    duree_min_semaines = models.PositiveSmallIntegerField("durée minimale (semaines)")
    duree_max_semaines = models.PositiveSmallIntegerField("durée maximale (semaines)")
    taches = models.JSONField("tâches et activités", default=list)
    enjeux = models.JSONField("enjeux et facteurs clés de succès", default=list, blank=True)
    qui_mobiliser = models.TextField("qui mobiliser", blank=True)

    class Meta:
        verbose_name = "étape de la méthode ANCT"
        verbose_name_plural = "étapes de la méthode ANCT"
        ordering = ["numero"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duree_max_semaines__gte=models.F("duree_min_semaines")),
                name="etape_durees_ordonnees",
            )
        ]

    def __str__(self):
        return f"{self.numero}. {self.titre}"

    @property
    def taches_detaillees(self) -> list[tuple[str, list[str]]]:
        """(tâche, sous-tâches) dans l'ordre de la source ; une tâche simple n'en a pas."""
        return [
            (t["texte"], t.get("sous_taches", [])) if isinstance(t, dict) else (t, [])
            for t in self.taches
        ]
