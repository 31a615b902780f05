from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import TemplateView

from collectivites.perms import MembreRequisMixin
from indicateurs.selectors import libelle_annee
from strategie_nr.fiches.models import FicheAction
from strategie_nr.fiches.selectors import fiche_lue
from strategie_nr.travaux.views import reponse_fichier, vers_le_travail

from .models import DocumentOfficiel
from .selectors import (
    PREMIERE_ANNEE_DE_BILAN,
    annees_de_bilan,
    documents_officiels,
    preparations_en_cours,
    version_a_imprimer,
    version_du_bilan,
    versions_de,
)
from .services import (
    bilan_demander,
    document_officiel_demander,
    document_officiel_word_demander,
    fiche_demander,
    nom_de_fichier,
    strategie_demander,
)

PDF, WORD = "pdf", "docx"


def reponse_pdf(contenu: bytes, nom: str) -> HttpResponse:
    return reponse_fichier(contenu, nom=nom, type_contenu="application/pdf")


class DocumentsView(MembreRequisMixin, TemplateView):
    template_name = "strategie_nr/documents/index.html"

    def get_context_data(self, **kwargs):
        versions = list(versions_de(self.collectivite))
        officiels = documents_officiels(self.collectivite)
        preparations = preparations_en_cours(self.collectivite)
        validees = [
            {
                "version": v,
                "document": officiels.get(v.pk),
                "preparation": preparations.get(v.pk),
            }
            for v in versions
            if v.est_validee
        ]
        return super().get_context_data(
            courante=versions[0] if versions else None,
            validees=validees,
            # Un élu vient chercher la stratégie adoptée : elle passe avant le brouillon.
            validee_d_abord=self.membre.est_elu and bool(validees),
            # Les années closes d'abord ; l'année en cours, si on la demande, est provisoire.
            annees=sorted(
                ((annee, libelle_annee(annee)) for annee in annees_de_bilan()),
                key=lambda a: (a[1] != str(a[0]), -a[0]),
            ),
            **kwargs,
        )


def _officiel(collectivite, membre, version, format_=PDF):
    """Les octets enregistrés du document officiel, sinon la page de sa préparation ; en Word,
    la préparation de sa version Word (même contenu figé)."""
    if format_ == WORD:
        return vers_le_travail(document_officiel_word_demander(version=version, demandeur=membre))
    document = DocumentOfficiel.objects.filter(version=version).only("contenu").first()
    if document is not None:
        nom = nom_de_fichier(collectivite, f"strategie-{version.libelle}")
        return reponse_pdf(bytes(document.contenu), nom)
    return vers_le_travail(document_officiel_demander(version=version, demandeur=membre))


class StrategieCouranteView(MembreRequisMixin, View):
    """La stratégie courante : le document officiel si elle est validée, sinon un projet,
    préparé par un processus de tâches (la page de suivi, puis le fichier), en PDF ou en Word."""

    format_ = PDF

    def get(self, request):
        version = version_a_imprimer(self.collectivite)
        if version is not None and version.est_validee:
            return _officiel(self.collectivite, self.membre, version, self.format_)
        travail = strategie_demander(
            collectivite=self.collectivite,
            version=version,
            demandeur=self.membre,
            word=self.format_ == WORD,
        )
        return vers_le_travail(travail)


class StrategieVersionView(MembreRequisMixin, View):
    """Le document officiel d'une version validée : les octets enregistrés, tels quels (ou sa
    version Word)."""

    format_ = PDF

    def get(self, request, pk):
        version = get_object_or_404(versions_de(self.collectivite), pk=pk)
        if not version.est_validee:
            raise Http404("Seules les versions validées ont un document officiel.")
        return _officiel(self.collectivite, self.membre, version, self.format_)


class BilanView(MembreRequisMixin, View):
    format_ = PDF

    def get(self, request, annee):
        if not PREMIERE_ANNEE_DE_BILAN <= annee <= max(annees_de_bilan()):
            raise Http404("Pas de bilan pour cette année.")
        travail = bilan_demander(
            collectivite=self.collectivite,
            version=version_du_bilan(self.collectivite),
            annee=annee,
            demandeur=self.membre,
            word=self.format_ == WORD,
        )
        return vers_le_travail(travail)


class FicheView(MembreRequisMixin, View):
    """Une fiche action en PDF d'une page (élus compris : ils lisent), préparée par un
    processus de tâches (la page de suivi, puis le fichier)."""

    def get(self, request, pk):
        fiche = get_object_or_404(
            FicheAction.objects.for_collectivite(self.collectivite).select_related("version"),
            pk=pk,
        )
        lue = fiche_lue(fiche)
        if lue is None:
            raise Http404
        travail = fiche_demander(
            collectivite=self.collectivite, version=fiche.version, fiche=lue, demandeur=self.membre
        )
        return vers_le_travail(travail)
