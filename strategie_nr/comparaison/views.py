from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from collectivites.edition import EditionView
from collectivites.perms import MembreRequisMixin

from . import perms, services
from .forms import ParticipationForm
from .selectors import comparaison_de
from .statistiques import EFFECTIF_MIN

GABARIT = "comparaison/index.html"


def _contexte(vue, form=None) -> dict:
    collectivite = vue.collectivite
    peut_choisir = perms.peut_choisir_participation(vue.membre)
    contexte = {
        "participe": collectivite.participe_comparaison,
        "peut_choisir": peut_choisir,
        "erreurs_participation": form.errors.get("participe", []) if form else [],
        "effectif_min": EFFECTIF_MIN,
    }
    if collectivite.participe_comparaison:
        contexte.update(comparaison_de(collectivite))
    return contexte


class ComparaisonView(MembreRequisMixin, View):
    permission = staticmethod(perms.peut_voir_comparaison)

    def get(self, request):
        return render(request, GABARIT, _contexte(self))


class ParticipationView(EditionView):
    """Le choix du référent, envoyé depuis la page de la comparaison ou celle de la collectivité.

    Un choix refusé revient sur la page de la comparaison : l'erreur du choix près des boutons,
    celle du service en message."""

    permission = staticmethod(perms.peut_choisir_participation)
    template_name = GABARIT
    http_method_names = ["post", "options"]

    def formulaire(self, donnees=None):
        return ParticipationForm(donnees)

    def enregistrer(self, form):
        services.participation_comparaison_modifier(
            collectivite=self.collectivite,
            participe=form.cleaned_data["participe"] == "oui",
            auteur=self.membre,
        )
        return self.collectivite

    def message_de_succes(self, collectivite) -> str:
        if collectivite.participe_comparaison:
            return (
                "Votre collectivité participe à la comparaison : ses chiffres y entreront à la "
                "prochaine publication, cette nuit."
            )
        return (
            "Votre collectivité ne participe plus à la comparaison : ses chiffres en "
            "sortiront à la prochaine publication, cette nuit."
        )

    def succes(self, collectivite) -> str:
        return reverse("comparaison:index")

    def refuser(self, form, status=400):
        refus_du_service = form.non_field_errors()
        if refus_du_service:
            # Le service a changé la collectivité en mémoire avant de la refuser.
            self.collectivite.refresh_from_db()
            messages.error(self.request, " ".join(refus_du_service))
        return super().refuser(form, status=status)

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(form=form, **_contexte(self, form), **kwargs)
