from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from collectivites.edition import EditionView, SuppressionView, erreur_en_texte
from collectivites.perms import MembreRequisMixin
from strategie_nr.plateforme.selectors import historique_de_l_objet

from . import exports, selectors, services
from .enums import Mode
from .forms import CiblesForm, DefinitionForm, ObjectifForm, SuiviForm, SuivreForm, ValeurForm
from .graphiques import courbe_svg
from .models import IndicateurSuivi, Objectif
from .nombres import saisie
from .perms import peut_modifier_suivi, peut_piloter, peut_voir
from .selectors import indicateurs_a_suivre


def graphique(ligne, annees, identifiant) -> str:
    return courbe_svg(
        annees=annees,
        mesures=ligne.mesures(),
        cibles=ligne.cibles,
        unite=ligne.definition.unite,
        precision=ligne.definition.precision,
        identifiant=identifiant,
        titre=f"{ligne.definition.libelle} : valeurs mesurées et cibles",
    )


class IndexView(MembreRequisMixin, TemplateView):
    template_name = "indicateurs/index.html"
    permission = staticmethod(peut_voir)

    def get_context_data(self, **kwargs):
        tableau = selectors.indicateurs_suivis_tableau(self.collectivite)
        for ligne in tableau["lignes"]:
            ligne.graphique = graphique(ligne, tableau["annees"], f"graphique-{ligne.suivi.pk}")
            ligne.peut_modifier = peut_modifier_suivi(self.membre, ligne.suivi)
        return super().get_context_data(
            tableau=tableau,
            # Un avancement est un verdict : jugé sur les années closes seulement.
            objectifs=selectors.objectifs_avancement(
                self.collectivite, tableau=tableau, jusqu_a=selectors.derniere_annee_close()
            ),
            peut_piloter=peut_piloter(self.membre),
            **kwargs,
        )


class FormulaireView(EditionView):
    template_name = "indicateurs/formulaire.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(retour=self.retour(), **kwargs)

    def retour(self) -> str:
        return reverse("indicateurs:index")


class SuivreView(FormulaireView):
    permission = staticmethod(peut_piloter)
    titre = "Suivre un indicateur"
    message = "L'indicateur est suivi. Fixez maintenant ses cibles."
    template_name = "indicateurs/suivre.html"

    def recherche(self) -> str:
        return self.request.GET.get("recherche", "").strip()[:100]

    def formulaire(self, donnees=None):
        form = SuivreForm(donnees, collectivite=self.collectivite, recherche=self.recherche())
        cle = self.request.GET.get("indicateur", "")
        if cle and donnees is None:
            choisie = form.fields["definition"].queryset.filter(cle=cle).first()
            if choisie is not None:
                form.initial["definition"] = choisie.pk
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recherche=self.recherche(),
            disponibles=indicateurs_a_suivre(self.collectivite).count(),
            **kwargs,
        )

    def enregistrer(self, form):
        donnees = form.cleaned_data
        return services.suivi_creer(
            collectivite=self.collectivite,
            definition=donnees["definition"],
            responsable=donnees["responsable"],
            annee_base=donnees["annee_base"],
            valeur_base=donnees["valeur_base_nombre"],
            auteur=self.membre,
        )

    def succes(self, suivi) -> str:
        return reverse("indicateurs:cibles", kwargs={"pk": suivi.pk})


class DefinitionCreerView(FormulaireView):
    permission = staticmethod(peut_piloter)
    titre = "Créer un indicateur propre à la collectivité"
    message = "L'indicateur est créé et suivi."

    def formulaire(self, donnees=None):
        return DefinitionForm(donnees, collectivite=self.collectivite)

    def enregistrer(self, form):
        donnees = form.cleaned_data
        return services.indicateur_propre_creer(
            collectivite=self.collectivite,
            axe=donnees["axe"],
            libelle=donnees["libelle"],
            unite=donnees["unite"],
            sens=donnees["sens"],
            precision=donnees["precision"],
            responsable=donnees["responsable"],
            annee_base=donnees["annee_base"],
            valeur_base=donnees["valeur_base_nombre"],
            auteur=self.membre,
        )

    def succes(self, suivi) -> str:
        return reverse("indicateurs:cibles", kwargs={"pk": suivi.pk})


class SuiviMixin:
    """Un indicateur suivi de la collectivité (404 sinon) que le membre peut modifier (403)."""

    ecriture = True

    def suivi(self) -> IndicateurSuivi:
        if not hasattr(self, "_suivi"):
            self._suivi = get_object_or_404(
                IndicateurSuivi.objects.for_collectivite(self.collectivite).select_related(
                    "definition__axe", "responsable__utilisateur"
                ),
                pk=self.kwargs["pk"],
            )
            if self.ecriture and not peut_modifier_suivi(self.membre, self._suivi):
                raise PermissionDenied(
                    "Seuls le responsable de l'indicateur et le référent le modifient."
                )
        return self._suivi

    def retour(self) -> str:
        return self.suivi().get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(suivi=self.suivi(), **kwargs)


class SuiviView(SuiviMixin, MembreRequisMixin, TemplateView):
    template_name = "indicateurs/suivi.html"
    permission = staticmethod(peut_voir)
    ecriture = False

    def get_context_data(self, **kwargs):
        suivi = self.suivi()
        detail = selectors.indicateur_suivi_detail(suivi)
        ligne = detail["ligne"]
        annee_courante = timezone.localdate().year
        return super().get_context_data(
            ligne=ligne,
            annees=detail["annees"],
            graphique=graphique(ligne, detail["annees"], "graphique-indicateur"),
            lignes_annees=[
                {
                    "annee": annee,
                    "cible": ligne.cibles.get(annee),
                    "libelle": selectors.libelle_annee(annee),
                    "valeur": ligne.valeur(annee),
                    "retenue": ligne.retenue(annee),
                    "saisie": ligne.valeurs.get(annee),
                    "ecart_fige": ligne.ecart_fige(annee),
                    "recalcul": ligne.calculees.get(annee),
                    "figeable": ligne.calcule
                    and annee < annee_courante
                    and annee in ligne.calculees
                    and ligne.calculees[annee] is not None
                    and not (annee in ligne.valeurs and ligne.ecart_fige(annee) is None),
                }
                for annee in detail["annees"]
            ],
            historique=historique_de_l_objet(
                self.collectivite, objet_type="indicateurs.indicateursuivi", objet_cle=suivi.pk
            ),
            objectifs=suivi.objectifs.all(),
            peut_modifier=peut_modifier_suivi(self.membre, suivi),
            **kwargs,
        )


class SuiviModifierView(SuiviMixin, FormulaireView):
    permission = staticmethod(peut_voir)
    titre = "Responsable et situation de référence"
    message = "Modifications enregistrées."

    def formulaire(self, donnees=None):
        return SuiviForm(
            donnees, suivi=self.suivi(), peut_changer_responsable=peut_piloter(self.membre)
        )

    def enregistrer(self, form):
        donnees = form.cleaned_data
        return services.suivi_modifier(
            suivi=self.suivi(),
            auteur=self.membre,
            responsable=donnees["responsable"],
            annee_base=donnees["annee_base"],
            valeur_base=donnees["valeur_base_nombre"],
        )


class CiblesView(SuiviMixin, FormulaireView):
    permission = staticmethod(peut_voir)
    titre = "Cibles annuelles"
    message = "Cibles enregistrées."

    def formulaire(self, donnees=None):
        suivi = self.suivi()
        return CiblesForm(
            donnees, suivi=suivi, cibles={c.annee: c.valeur for c in suivi.cibles.all()}
        )

    def enregistrer(self, form):
        services.cibles_enregistrer(
            suivi=self.suivi(), auteur=self.membre, cibles=form.cleaned_data["cibles"]
        )
        return self.suivi()


class ValeurView(SuiviMixin, FormulaireView):
    permission = staticmethod(peut_voir)
    titre = "Saisir une valeur mesurée"

    def suivi(self):
        suivi = super().suivi()
        if suivi.definition.mode == Mode.CALCULE:
            raise PermissionDenied("Cet indicateur se calcule à partir du parc.")
        return suivi

    def formulaire(self, donnees=None):
        annee = self.request.GET.get("annee", "")
        initial = {
            "annee": int(annee) if annee.isdigit() else services.annee_a_saisir(self.suivi())
        }
        existante = self.suivi().valeurs.filter(annee=initial["annee"]).first()
        if existante:
            initial.update(
                valeur=saisie(existante.valeur, self.suivi().definition.unite),
                source=existante.source,
                commentaire=existante.commentaire,
                annee_ouverte=existante.annee,
            )
        return ValeurForm(donnees, suivi=self.suivi(), initial=initial)

    def enregistrer(self, form):
        donnees = form.cleaned_data
        services.valeur_enregistrer(
            suivi=self.suivi(),
            auteur=self.membre,
            annee=donnees["annee"],
            valeur=donnees["valeur_nombre"],
            source=donnees["source"],
            commentaire=donnees["commentaire"],
            remplacer=donnees["remplacer"],
        )
        self.annee = donnees["annee"]
        return self.suivi()

    def message_de_succes(self, suivi) -> str:
        return f"Valeur {self.annee} enregistrée."


class FigerView(SuiviMixin, MembreRequisMixin, View):
    permission = staticmethod(peut_voir)

    def post(self, request, pk):
        suivi = self.suivi()
        annee = request.POST.get("annee", "")
        try:
            if not annee.isdecimal() or not annee.isascii():
                raise ValidationError("Année invalide.")
            services.annee_figer(suivi=suivi, auteur=self.membre, annee=int(annee))
        except ValidationError as erreur:
            messages.error(request, erreur_en_texte(erreur))
        else:
            messages.success(request, f"La valeur {annee} est figée.")
        return redirect(suivi)


class ObjectifMixin:
    permission = staticmethod(peut_piloter)

    def objectif(self) -> Objectif | None:
        """L'objectif de l'adresse (aucun pour une création), lu une fois par requête."""
        if "pk" not in self.kwargs:
            return None
        if not hasattr(self, "_objectif"):
            self._objectif = get_object_or_404(
                Objectif.objects.for_collectivite(self.collectivite), pk=self.kwargs["pk"]
            )
        return self._objectif

    def retour(self) -> str:
        return reverse("indicateurs:index") + "#objectifs"


class ObjectifView(ObjectifMixin, FormulaireView):
    titre = "Objectif"
    message = "Objectif enregistré."

    def formulaire(self, donnees=None):
        objectif = self.objectif() or Objectif(collectivite=self.collectivite)
        return ObjectifForm(donnees, instance=objectif, collectivite=self.collectivite)

    def get_context_data(self, **kwargs):
        objectif = self.objectif()
        if objectif is not None:
            kwargs["historique"] = historique_de_l_objet(
                self.collectivite, objet_type="indicateurs.objectif", objet_cle=objectif.pk
            )
        return super().get_context_data(**kwargs)

    def enregistrer(self, form):
        return services.objectif_enregistrer(objectif=form.instance, auteur=self.membre)

    def succes(self, objectif) -> str:
        return self.retour()


class ObjectifSupprimerView(ObjectifMixin, SuppressionView):
    template_name = "indicateurs/objectif_supprimer.html"
    message = "Objectif supprimé."

    def objet(self):
        return self.objectif()

    def supprimer(self, objectif) -> None:
        services.objectif_supprimer(objectif=objectif, auteur=self.membre)

    def succes(self, objectif) -> str:
        return self.retour()


class ExportView(MembreRequisMixin, View):
    permission = staticmethod(peut_voir)

    def get(self, request, format):
        return exports.reponse(self.collectivite, format)
