from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from collectivites.perms import MembreRequisMixin
from strategie_nr.fiches.models import FicheAction
from strategie_nr.fiches.selectors import fiche_lue

from .models import DocumentOfficiel
from .rendu import bilan_html, fiche_pdf, pdf_depuis_html
from .selectors import (
    PREMIERE_ANNEE_DE_BILAN,
    annees_de_bilan,
    documents_officiels,
    version_a_imprimer,
    version_du_bilan,
    versions_de,
)
from .services import document_strategie


def reponse_pdf(contenu: bytes, nom: str) -> HttpResponse:
    reponse = HttpResponse(contenu, content_type="application/pdf")
    reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
    reponse["Content-Length"] = str(len(contenu))
    return reponse


def _nom(collectivite, quoi: str) -> str:
    return f"{quoi}-{slugify(collectivite.nom)}.pdf"


class DocumentsView(MembreRequisMixin, TemplateView):
    template_name = "strategie_nr/documents/index.html"

    def get_context_data(self, **kwargs):
        versions = list(versions_de(self.collectivite))
        officiels = documents_officiels(self.collectivite)
        validees = [
            {"version": v, "document": officiels.get(v.pk)} for v in versions if v.est_validee
        ]
        return super().get_context_data(
            courante=versions[0] if versions else None,
            validees=validees,
            annees=annees_de_bilan(),
            **kwargs,
        )


class StrategieCouranteView(MembreRequisMixin, View):
    """La stratégie courante : le document officiel si elle est validée, sinon un projet."""

    def get(self, request):
        version = version_a_imprimer(self.collectivite)
        contenu, officiel = document_strategie(collectivite=self.collectivite, version=version)
        quoi = f"strategie-{version.libelle}" if version else "strategie"
        return reponse_pdf(contenu, _nom(self.collectivite, quoi if officiel else quoi + "-projet"))


class StrategieVersionView(MembreRequisMixin, View):
    """Le document officiel d'une version validée : les octets enregistrés, tels quels."""

    def get(self, request, pk):
        version = get_object_or_404(versions_de(self.collectivite), pk=pk)
        if not version.est_validee:
            raise Http404("Seules les versions validées ont un document officiel.")
        document = DocumentOfficiel.objects.filter(version=version).only("contenu").first()
        if document is None:  # version validée avant l'existence des documents
            contenu, _ = document_strategie(collectivite=self.collectivite, version=version)
        else:
            contenu = bytes(document.contenu)
        return reponse_pdf(contenu, _nom(self.collectivite, f"strategie-{version.libelle}"))


class BilanView(MembreRequisMixin, View):
    def get(self, request, annee):
        if not PREMIERE_ANNEE_DE_BILAN <= annee <= max(annees_de_bilan()):
            raise Http404("Pas de bilan pour cette année.")
        html = bilan_html(
            collectivite=self.collectivite,
            version=version_du_bilan(self.collectivite),
            annee=annee,
        )
        return reponse_pdf(pdf_depuis_html(html), _nom(self.collectivite, f"bilan-{annee}"))


class FicheView(MembreRequisMixin, View):
    """Une fiche action en PDF d'une page (élus compris : ils lisent)."""

    def get(self, request, pk):
        fiche = get_object_or_404(
            FicheAction.objects.for_collectivite(self.collectivite).select_related("version"),
            pk=pk,
        )
        lue = fiche_lue(fiche)
        if lue is None:
            raise Http404
        contenu = fiche_pdf(collectivite=self.collectivite, version=fiche.version, fiche=lue)
        return reponse_pdf(contenu, _nom(self.collectivite, f"fiche-{slugify(lue['titre'])[:60]}"))
