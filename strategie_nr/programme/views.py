from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from collectivites.forms import erreurs_vers_formulaire
from collectivites.perms import MembreRequisMixin
from strategie_nr.plateforme.selectors import historique_des_types

from . import services
from .enums import TYPES_HISTORIQUE
from .forms import (
    ActionEngageeForm,
    BilanImpactForm,
    FiltrePartiesPrenantesForm,
    PartiePrenanteForm,
)
from .models import ActionEngagee, PartiePrenante
from .perms import peut_modifier_programme
from .selectors import (
    actions_engagees_de,
    bilan_de,
    chiffres_parc,
    parties_prenantes_de,
    programme_de_travail,
)


class LectureView(MembreRequisMixin, TemplateView):
    """Page en lecture pour tout membre ; les boutons de modification selon le rôle."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            peut_modifier=peut_modifier_programme(self.membre), **kwargs
        )


class ProgrammeView(LectureView):
    template_name = "strategie_nr/programme/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(programme=programme_de_travail(self.collectivite), **kwargs)


class PartiesPrenantesView(LectureView):
    template_name = "strategie_nr/programme/parties_prenantes.html"

    def get_context_data(self, **kwargs):
        filtre = FiltrePartiesPrenantesForm(self.request.GET or None)
        parties = parties_prenantes_de(self.collectivite, **filtre.filtres())
        return super().get_context_data(filtre=filtre, parties_prenantes=parties, **kwargs)


class BilanView(LectureView):
    template_name = "strategie_nr/programme/bilan.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            bilan=bilan_de(self.collectivite),
            chiffres_parc=chiffres_parc(self.collectivite),
            **kwargs,
        )


class ActionsEngageesView(LectureView):
    template_name = "strategie_nr/programme/actions.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(actions=actions_engagees_de(self.collectivite), **kwargs)


class HistoriqueView(LectureView):
    template_name = "strategie_nr/programme/historique.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            historique=historique_des_types(self.collectivite, *TYPES_HISTORIQUE), **kwargs
        )


class EditionView(MembreRequisMixin, View):
    """Création (sans `pk`) ou modification d'une ligne du programme de la collectivité."""

    permission = staticmethod(peut_modifier_programme)
    template_name = "strategie_nr/programme/formulaire.html"
    modele = None
    form_class = None
    creer = modifier = None  # services du domaine
    cle = ""  # nom de l'argument du service qui reçoit l'objet
    liste = ""
    titres = ("", "")  # (création, modification)
    message = ""

    def objet(self, pk):
        if pk is None:
            return None
        return get_object_or_404(self.modele.objects.for_collectivite(self.collectivite), pk=pk)

    def enregistrer(self, objet, donnees):
        if objet is None:
            return self.creer(collectivite=self.collectivite, auteur=self.membre, donnees=donnees)
        return self.modifier(**{self.cle: objet}, auteur=self.membre, donnees=donnees)

    def afficher(self, form, objet, statut=200):
        contexte = {
            "form": form,
            "objet": objet,
            "titre": self.titres[objet is not None],
            "retour": reverse(self.liste),
        }
        return render(self.request, self.template_name, contexte, status=statut)

    def get(self, request, pk=None):
        objet = self.objet(pk)
        return self.afficher(self.form_class(instance=objet), objet)

    def post(self, request, pk=None):
        objet = self.objet(pk)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                enregistre = self.enregistrer(objet, form.cleaned_data)
            except ValidationError as erreur:
                erreurs_vers_formulaire(form, erreur)
            else:
                messages.success(request, self.message.format(objet=enregistre))
                return redirect(self.liste)
        return self.afficher(form, objet, statut=400)


class SuppressionView(MembreRequisMixin, View):
    """Confirmation (GET) puis suppression (POST)."""

    permission = staticmethod(peut_modifier_programme)
    template_name = "strategie_nr/programme/supprimer.html"
    modele = None
    supprimer = None  # service du domaine
    cle = ""
    liste = ""
    quoi = ""

    def objet(self, pk):
        return get_object_or_404(self.modele.objects.for_collectivite(self.collectivite), pk=pk)

    def get(self, request, pk):
        contexte = {"objet": self.objet(pk), "quoi": self.quoi, "retour": reverse(self.liste)}
        return render(request, self.template_name, contexte)

    def post(self, request, pk):
        objet = self.objet(pk)
        self.supprimer(**{self.cle: objet}, auteur=self.membre)
        messages.success(request, f"« {objet} » est supprimée de la liste des {self.quoi}.")
        return redirect(self.liste)


class PartiePrenanteEditionView(EditionView):
    modele = PartiePrenante
    form_class = PartiePrenanteForm
    creer = staticmethod(services.partie_prenante_creer)
    modifier = staticmethod(services.partie_prenante_modifier)
    cle = "partie_prenante"
    liste = "programme:parties_prenantes"
    titres = ("Ajouter une partie prenante", "Modifier une partie prenante")
    message = "« {objet} » est enregistrée."


class PartiePrenanteSuppressionView(SuppressionView):
    modele = PartiePrenante
    supprimer = staticmethod(services.partie_prenante_supprimer)
    cle = "partie_prenante"
    liste = "programme:parties_prenantes"
    quoi = "parties prenantes"


class ActionEngageeEditionView(EditionView):
    modele = ActionEngagee
    form_class = ActionEngageeForm
    creer = staticmethod(services.action_engagee_creer)
    modifier = staticmethod(services.action_engagee_modifier)
    cle = "action"
    liste = "programme:actions"
    titres = ("Ajouter une action déjà engagée", "Modifier une action déjà engagée")
    message = "L'action « {objet} » est enregistrée."


class ActionEngageeSuppressionView(SuppressionView):
    modele = ActionEngagee
    supprimer = staticmethod(services.action_engagee_supprimer)
    cle = "action"
    liste = "programme:actions"
    quoi = "actions déjà engagées"


class BilanModifierView(MembreRequisMixin, View):
    permission = staticmethod(peut_modifier_programme)
    template_name = "strategie_nr/programme/formulaire.html"

    def afficher(self, form, bilan, statut=200):
        contexte = {
            "form": form,
            "objet": bilan,
            "titre": "Rédiger le bilan d'impact du numérique",
            "retour": reverse("programme:bilan"),
        }
        return render(self.request, self.template_name, contexte, status=statut)

    def get(self, request):
        bilan = bilan_de(self.collectivite)
        return self.afficher(BilanImpactForm(instance=bilan), bilan)

    def post(self, request):
        form = BilanImpactForm(request.POST)
        if form.is_valid():
            try:
                services.bilan_enregistrer(
                    collectivite=self.collectivite, auteur=self.membre, donnees=form.cleaned_data
                )
            except ValidationError as erreur:
                erreurs_vers_formulaire(form, erreur)
            else:
                messages.success(request, "Le bilan d'impact est enregistré.")
                return redirect("programme:bilan")
        return self.afficher(form, bilan_de(self.collectivite), statut=400)
