from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from collectivites.edition import EditionView, SuppressionView
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
        return super().get_context_data(
            programme=programme_de_travail(self.collectivite),
            lien_ajout_pieces=reverse("pieces:ajouter_programme")
            if peut_modifier_programme(self.membre)
            else "",
            **kwargs,
        )


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


class LigneEditionView(EditionView):
    """Création (sans `pk`) ou modification d'une ligne du programme de la collectivité."""

    permission = staticmethod(peut_modifier_programme)
    template_name = "strategie_nr/programme/formulaire.html"
    modele = None
    form_class = None
    creer = modifier = None  # services du domaine
    cle = ""  # nom de l'argument du service qui reçoit l'objet
    liste = ""
    titres = ("", "")  # (création, modification)

    def objet(self):
        if not hasattr(self, "_objet"):
            pk = self.kwargs.get("pk")
            self._objet = None
            if pk is not None:
                self._objet = get_object_or_404(
                    self.modele.objects.for_collectivite(self.collectivite), pk=pk
                )
        return self._objet

    @property
    def titre(self):
        return self.titres[self.objet() is not None]

    def formulaire(self, donnees=None):
        if donnees is None:
            return self.form_class(instance=self.objet())
        return self.form_class(donnees)

    def enregistrer(self, form):
        objet = self.objet()
        if objet is None:
            return self.creer(
                collectivite=self.collectivite, auteur=self.membre, donnees=form.cleaned_data
            )
        return self.modifier(**{self.cle: objet}, auteur=self.membre, donnees=form.cleaned_data)

    def succes(self, objet) -> str:
        return reverse(self.liste)

    def get_context_data(self, **kwargs):
        return super().get_context_data(objet=self.objet(), retour=reverse(self.liste), **kwargs)


class LigneSuppressionView(SuppressionView):
    """Confirmation (GET) puis suppression (POST)."""

    permission = staticmethod(peut_modifier_programme)
    template_name = "strategie_nr/programme/supprimer.html"
    modele = None
    service = None  # service du domaine
    cle = ""
    liste = ""
    quoi = ""

    def objet(self):
        return get_object_or_404(
            self.modele.objects.for_collectivite(self.collectivite), pk=self.kwargs["pk"]
        )

    def supprimer(self, objet) -> None:
        self.service(**{self.cle: objet}, auteur=self.membre)

    def message_de_succes(self, objet) -> str:
        return f"« {objet} » est supprimée de la liste des {self.quoi}."

    def succes(self, objet) -> str:
        return reverse(self.liste)

    def get_context_data(self, **kwargs):
        return super().get_context_data(quoi=self.quoi, retour=reverse(self.liste), **kwargs)


class PartiePrenanteEditionView(LigneEditionView):
    modele = PartiePrenante
    form_class = PartiePrenanteForm
    creer = staticmethod(services.partie_prenante_creer)
    modifier = staticmethod(services.partie_prenante_modifier)
    cle = "partie_prenante"
    liste = "programme:parties_prenantes"
    titres = ("Ajouter une partie prenante", "Modifier une partie prenante")
    message = "« {objet} » est enregistrée."


class PartiePrenanteSuppressionView(LigneSuppressionView):
    modele = PartiePrenante
    service = staticmethod(services.partie_prenante_supprimer)
    cle = "partie_prenante"
    liste = "programme:parties_prenantes"
    quoi = "parties prenantes"


class ActionEngageeEditionView(LigneEditionView):
    modele = ActionEngagee
    form_class = ActionEngageeForm
    creer = staticmethod(services.action_engagee_creer)
    modifier = staticmethod(services.action_engagee_modifier)
    cle = "action"
    liste = "programme:actions"
    titres = ("Ajouter une action déjà engagée", "Modifier une action déjà engagée")
    message = "L'action « {objet} » est enregistrée."


class ActionEngageeSuppressionView(LigneSuppressionView):
    modele = ActionEngagee
    service = staticmethod(services.action_engagee_supprimer)
    cle = "action"
    liste = "programme:actions"
    quoi = "actions déjà engagées"


class BilanModifierView(EditionView):
    permission = staticmethod(peut_modifier_programme)
    template_name = "strategie_nr/programme/formulaire.html"
    titre = "Rédiger le bilan d'impact du numérique"
    message = "Le bilan d'impact est enregistré."

    def bilan(self):
        """Le bilan enregistré (ou aucun), lu une fois par requête."""
        if not hasattr(self, "_bilan"):
            self._bilan = bilan_de(self.collectivite)
        return self._bilan

    def formulaire(self, donnees=None):
        if donnees is None:
            return BilanImpactForm(instance=self.bilan())
        return BilanImpactForm(donnees)

    def enregistrer(self, form):
        return services.bilan_enregistrer(
            collectivite=self.collectivite, auteur=self.membre, donnees=form.cleaned_data
        )

    def succes(self, bilan) -> str:
        return reverse("programme:bilan")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            objet=self.bilan(), retour=reverse("programme:bilan"), **kwargs
        )
