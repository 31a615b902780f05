"""L'historique des modifications, commun à tous les domaines.

Un seul modèle, écrit par les services de chaque domaine (jamais par un signal ni une vue), dans
la transaction de la modification : `services.historique_enregistrer`. Choisi plutôt que
django-simple-history, qui écrit depuis des signaux une table historique par modèle et une
ligne par objet : un import de 50 000 équipements y ferait 50 000 lignes, les historiques déjà
tenus (textes libres des indicateurs, listes de champs des fiches) n'y entreraient pas, et
l'auteur y serait un utilisateur, non le membre d'une collectivité. Ici une entrée porte la
collectivité, le membre, la date, l'objet (type, clé stable, libellé au moment de l'écriture)
et les champs modifiés avec leur valeur avant et après ; un import n'en écrit qu'une, résumée.
"""

from django.db import models
from django.utils import timezone

from .enums import ActionHistorique
from .locataire import LocataireQuerySet, ModeleLocataire


class EntreeHistoriqueQuerySet(LocataireQuerySet):
    def de_type(self, *objet_types: str):
        return self.filter(objet_type__in=objet_types)

    def de_l_objet(self, objet_type: str, objet_cle):
        return self.filter(objet_type=objet_type, objet_cle=str(objet_cle))

    def pour_affichage(self):
        """Ce que lit le gabarit commun, en une requête."""
        return self.select_related("auteur__utilisateur")


class EntreeHistorique(ModeleLocataire):
    """Qui a changé quoi, quand, dans une collectivité : une modification d'un objet."""

    auteur = models.ForeignKey(
        "collectivites.Membre",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="qui",
    )
    auteur_nom = models.CharField(
        "nom de l'auteur",
        max_length=300,
        blank=True,
        help_text="Gardé si le membre disparaît, ou s'il n'était pas membre (reprise).",
    )
    le = models.DateTimeField("quand", default=timezone.now)
    action = models.CharField("action", max_length=20, choices=ActionHistorique.choices)
    objet_type = models.CharField(
        "type d'objet", max_length=100, help_text="« application.modèle », par exemple."
    )
    objet_cle = models.CharField(
        "identifiant de l'objet",
        max_length=64,
        blank=True,
        help_text="Vide : la collectivité entière (un import, par exemple).",
    )
    objet_libelle = models.CharField("objet", max_length=300, blank=True)
    changements = models.JSONField(
        "champs modifiés",
        default=list,
        blank=True,
        help_text="[{libellé, nature, avant, après}], dans l'ordre du formulaire.",
    )
    resume = models.TextField("résumé", blank=True)

    objects = EntreeHistoriqueQuerySet.as_manager()

    class Meta:
        verbose_name = "entrée d'historique"
        verbose_name_plural = "historique des modifications"
        ordering = ["-le", "-pk"]
        indexes = [
            models.Index(
                fields=["collectivite", "objet_type", "objet_cle", "-le"],
                name="historique_objet",
            ),
            models.Index(fields=["collectivite", "-le"], name="historique_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=ActionHistorique.values),
                name="historique_action_connue",
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} — {self.objet_libelle or self.objet_type}"

    @property
    def qui(self) -> str:
        if self.auteur_id and self.auteur is not None:
            return str(self.auteur.utilisateur)
        return self.auteur_nom or "—"
