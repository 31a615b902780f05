"""Le socle des données d'une collectivité : une ligne appartient à une seule collectivité.

Un modèle possédé hérite de `ModeleLocataire` (clé `collectivite`) ; un modèle dont la
collectivité se lit au bout d'un chemin (les lignes d'une fiche, les versions d'une feuille de
route) hérite de `ModeleRattache` et dit ce chemin une fois, dans `chemin_collectivite`. Tous
se lisent par `Modele.objects.for_collectivite(c)`, écrit ici une seule fois.

Pourquoi pas une lecture « fermée par défaut » (django-scopes, comme pretix, où toute requête
hors d'une portée lève une erreur) : l'administration de la plateforme, les commandes de
gestion, les processus de tâches, les rappels hebdomadaires, la comparaison anonymisée entre
collectivités et les données ouvertes lisent légitimement plusieurs collectivités ; il faudrait
ouvrir une portée (ou la désactiver) dans chacun, et une portée désactivée par commodité ne
protège plus rien. L'isolement se prouve plutôt là où il compte : chaque vue cherche ses objets
par `for_collectivite` (une autre collectivité donne une 404) et le balayage des adresses
vérifie chaque URL. `for_collectivite` ferme en revanche la porte aux oublis : sans collectivité
(`None`, ou une collectivité non enregistrée) il lève une erreur au lieu de répondre par une
liste vide ou, pour une clé facultative, par les lignes communes à toutes.
"""

from django.db import models


class LocataireQuerySet(models.QuerySet):
    """Lignes d'une collectivité, par la clé ou le chemin que déclare le modèle."""

    def for_collectivite(self, collectivite):
        """`collectivite` : une collectivité enregistrée, ou sa clé (`membre.collectivite_id`)."""
        cle = getattr(collectivite, "pk", collectivite)
        if cle is None:
            raise ValueError("Lecture de données sans collectivité : précisez laquelle.")
        return self.filter(**{self.model.chemin_collectivite: cle})


class ModeleRattache(models.Model):
    """Une ligne dont la collectivité se lit au bout de `chemin_collectivite`
    (par exemple `"fiche__version__feuille_de_route__collectivite"`)."""

    chemin_collectivite = ""

    objects = LocataireQuerySet.as_manager()

    class Meta:
        abstract = True


class ModeleLocataire(ModeleRattache):
    """Une ligne possédée par une collectivité.

    Un modèle que l'on atteint depuis la collectivité (`collectivite.membres`) redéclare la clé
    avec son `related_name` ; sa définition reste sinon celle-ci.
    """

    collectivite = models.ForeignKey(
        "collectivites.Collectivite",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="collectivité",
    )

    chemin_collectivite = "collectivite"

    class Meta:
        abstract = True
