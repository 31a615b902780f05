from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

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


class ParticipationView(MembreRequisMixin, View):
    permission = staticmethod(perms.peut_choisir_participation)

    def post(self, request):
        form = ParticipationForm(request.POST)
        if not form.is_valid():
            return render(request, GABARIT, _contexte(self, form), status=400)
        participe = form.cleaned_data["participe"] == "oui"
        try:
            services.participation_comparaison_modifier(
                collectivite=self.collectivite, participe=participe
            )
        except ValidationError as erreur:
            self.collectivite.refresh_from_db()
            messages.error(request, " ".join(erreur.messages))
            return render(request, GABARIT, _contexte(self, form), status=400)
        if participe:
            messages.success(
                request,
                "Votre collectivité participe à la comparaison : ses chiffres y entreront à la "
                "prochaine publication, cette nuit.",
            )
        else:
            messages.success(
                request,
                "Votre collectivité ne participe plus à la comparaison : ses chiffres en "
                "sortiront à la prochaine publication, cette nuit.",
            )
        return redirect("comparaison:index")
