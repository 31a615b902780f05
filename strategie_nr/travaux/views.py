"""Suivi d'un travail en arrière-plan, puis téléchargement de son résultat."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from collectivites.perms import MembreRequisMixin

from .models import Travail
from .registre import executant_de
from .selectors import travail_sans_contenu

ACTUALISATION_SECONDES = 2


def reponse_fichier(contenu: bytes, *, nom: str, type_contenu: str) -> HttpResponse:
    reponse = HttpResponse(contenu, content_type=type_contenu)
    reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
    reponse["Content-Length"] = str(len(contenu))
    return reponse


def vers_le_travail(travail: Travail):
    """Le fichier tout de suite s'il est prêt, sinon la page de suivi."""
    if travail.pret:
        return redirect(travail.lien_resultat or reverse("travaux:fichier", args=[travail.pk]))
    return redirect(travail)


class TravailMixin(MembreRequisMixin):
    def travail(self, pk, queryset=None) -> Travail:
        travail = get_object_or_404(
            queryset if queryset is not None else travail_sans_contenu(self.collectivite, pk),
            pk=pk,
        )
        if not executant_de(travail.nature).permission(self.membre):
            raise PermissionDenied("Votre rôle ne permet pas de suivre ce travail.")
        return travail


class SuiviView(TravailMixin, TemplateView):
    template_name = "strategie_nr/travaux/suivi.html"

    def get_context_data(self, **kwargs):
        travail = self.travail(self.kwargs["pk"])
        return super().get_context_data(
            travail=travail, actualisation=ACTUALISATION_SECONDES, **kwargs
        )


class FichierView(TravailMixin, View):
    def get(self, request, pk):
        travail = self.travail(pk, Travail.objects.for_collectivite(self.collectivite))
        if not travail.pret or travail.contenu is None:
            if travail.lien_resultat:
                raise Http404("Ce travail ne produit pas de fichier.")
            return redirect(travail)
        return reponse_fichier(
            bytes(travail.contenu), nom=travail.nom_fichier, type_contenu=travail.type_contenu
        )
