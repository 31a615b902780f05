from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from collectivites.edition import EditionView, erreur_en_texte
from collectivites.perms import MembreRequisMixin
from strategie_nr.plateforme.selectors import historique_de_l_objet

from . import selectors, services
from .exports import campagne_xlsx
from .forms import CampagneForm, ConsolidationForm, GrilleForm, ReouvertureForm
from .graphiques import radar_svg
from .models import Campagne, Question, Reponse, ReponseConsolidee
from .perms import peut_piloter, peut_repondre, peut_voir_resultats


def _campagne_de(collectivite, pk) -> Campagne:
    return get_object_or_404(Campagne.objects.for_collectivite(collectivite), pk=pk)


def _questions() -> list[Question]:
    return list(Question.objects.select_related("dimension").order_by("dimension__numero", "ordre"))


def _par_dimension(lignes) -> list[tuple]:
    """Regroupe les lignes (question, …) par dimension, dans l'ordre de la grille."""
    groupes: list[tuple] = []
    for ligne in lignes:
        dimension = ligne[0].dimension
        if not groupes or groupes[-1][0] != dimension:
            groupes.append((dimension, []))
        groupes[-1][1].append(ligne)
    return groupes


class IndexView(MembreRequisMixin, TemplateView):
    template_name = "strategie_nr/diagnostic/index.html"
    permission = staticmethod(peut_voir_resultats)

    def get_context_data(self, form=None, **kwargs):
        campagnes = list(
            Campagne.objects.for_collectivite(self.collectivite).order_by("-date", "-pk")
        )
        ouverte = next((c for c in campagnes if c.ouverte), None)
        return super().get_context_data(
            campagnes=campagnes,
            ouverte=ouverte,
            form=form or (CampagneForm() if ouverte is None else None),
            peut_piloter=peut_piloter(self.membre),
            peut_repondre=peut_repondre(self.membre),
            **kwargs,
        )


class OuvrirView(EditionView, IndexView):
    permission = staticmethod(peut_piloter)
    http_method_names = ["post"]
    message = "La campagne « {objet.titre} » est ouverte."

    def formulaire(self, donnees=None):
        return CampagneForm(donnees)

    def enregistrer(self, form):
        return services.campagne_ouvrir(
            collectivite=self.collectivite,
            titre=form.cleaned_data["titre"],
            date=form.cleaned_data["date"],
            auteur=self.request.user,
        )


class CampagneView(MembreRequisMixin, TemplateView):
    template_name = "strategie_nr/diagnostic/campagne.html"
    permission = staticmethod(peut_voir_resultats)

    def get_context_data(self, **kwargs):
        campagne = _campagne_de(self.collectivite, self.kwargs["pk"])
        resultats = selectors.resultats_campagne(campagne)
        faibles = selectors.dimensions_les_plus_faibles(resultats)
        pratiques = selectors.pratiques_a_considerer(faibles)
        radar = radar_svg(
            [ligne.dimension.titre for ligne in resultats.dimensions],
            [ligne.note for ligne in resultats.dimensions],
            [ligne.note_precedente for ligne in resultats.dimensions]
            if resultats.precedente
            else None,
            numeros=[ligne.dimension.numero for ligne in resultats.dimensions],
        )
        return super().get_context_data(
            campagne=campagne,
            resultats=resultats,
            radar=radar,
            faibles=[(ligne, pratiques.get(ligne.dimension.pk, [])) for ligne in faibles],
            participation=selectors.participation(campagne) if not self.membre.est_elu else [],
            historique=selectors.historique_campagne(campagne),
            historique_reponses=historique_de_l_objet(
                self.collectivite, objet_type="diagnostic.campagne", objet_cle=campagne.pk
            )
            if not self.membre.est_elu
            else [],
            rouvrable=peut_piloter(self.membre) and selectors.campagne_rouvrable(campagne),
            peut_piloter=peut_piloter(self.membre),
            peut_repondre=peut_repondre(self.membre),
            peut_creer_fiche=peut_repondre(self.membre),
            **kwargs,
        )


class CloturerView(MembreRequisMixin, TemplateView):
    """Confirmation : ce qui manque encore, puis la clôture (rien n'est enregistré avant)."""

    template_name = "strategie_nr/diagnostic/cloturer.html"
    permission = staticmethod(peut_piloter)

    def get(self, request, pk):
        campagne = _campagne_de(self.collectivite, pk)
        if not campagne.ouverte:
            messages.info(request, "Cette campagne est déjà close.")
            return redirect(campagne)
        return self.render_to_response(
            self.get_context_data(campagne=campagne, manques=selectors.cloture_manques(campagne))
        )

    def post(self, request, pk):
        campagne = _campagne_de(self.collectivite, pk)
        try:
            services.campagne_cloturer(campagne=campagne, auteur=request.user)
        except ValidationError as erreur:
            messages.error(request, erreur_en_texte(erreur))
        else:
            messages.success(request, "La campagne est close : ses résultats sont définitifs.")
        return redirect(campagne)


class RouvrirView(EditionView):
    template_name = "strategie_nr/diagnostic/rouvrir.html"
    permission = staticmethod(peut_piloter)
    message = "La campagne est rouverte : ses résultats redeviennent provisoires."

    def campagne(self) -> Campagne:
        if not hasattr(self, "_campagne"):
            self._campagne = _campagne_de(self.collectivite, self.kwargs["pk"])
        return self._campagne

    def formulaire(self, donnees=None):
        return ReouvertureForm(donnees)

    def enregistrer(self, form):
        services.campagne_rouvrir(
            campagne=self.campagne(), auteur=self.request.user, raison=form.cleaned_data["raison"]
        )
        return self.campagne()

    def get_context_data(self, **kwargs):
        campagne = self.campagne()
        return super().get_context_data(
            campagne=campagne, rouvrable=selectors.campagne_rouvrable(campagne), **kwargs
        )


class GrilleView(MembreRequisMixin, TemplateView):
    """Base commune du questionnaire individuel et de la consolidation."""

    form_class = GrilleForm

    def campagne(self) -> Campagne:
        if not hasattr(self, "_campagne"):
            self._campagne = _campagne_de(self.collectivite, self.kwargs["pk"])
        return self._campagne

    def reponses(self, questions) -> dict:
        raise NotImplementedError

    def questions(self) -> list[Question]:
        return _questions()

    def formulaire(self, questions, donnees=None):
        return self.form_class(donnees, questions=questions, reponses=self.reponses(questions))

    def get_context_data(self, form=None, **kwargs):
        form = form or self.formulaire(self.questions())
        return super().get_context_data(
            campagne=self.campagne(),
            form=form,
            groupes=_par_dimension(list(form.lignes())),
            **kwargs,
        )

    def post(self, request, pk):
        campagne = self.campagne()
        form = self.formulaire(self.questions(), request.POST)
        if not campagne.ouverte:
            messages.error(request, "Cette campagne est close : ses réponses ne changent plus.")
            return redirect(campagne)
        if form.is_valid():
            try:
                nombre = self.enregistrer(form)
            except ValidationError as erreur:
                for message in erreur.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, self.message_succes(nombre))
                return redirect(self.suite(request, campagne))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def suite(self, request, campagne) -> str:
        if "continuer" in request.POST:
            return request.path
        return campagne.get_absolute_url()


class QuestionnaireView(GrilleView):
    """Une dimension par page : chaque enregistrement garde la dimension en cours, de sorte
    qu'une session expirée ne fait perdre au plus qu'une dimension."""

    template_name = "strategie_nr/diagnostic/questionnaire.html"
    permission = staticmethod(peut_repondre)

    def toutes_les_questions(self) -> list[Question]:
        if not hasattr(self, "_toutes"):
            self._toutes = _questions()
        return self._toutes

    def numeros(self) -> list[int]:
        return sorted({q.dimension.numero for q in self.toutes_les_questions()})

    def dimension(self) -> int:
        valeur = self.request.GET.get("dimension", "")
        numeros = self.numeros()
        return int(valeur) if valeur.isdigit() and int(valeur) in numeros else numeros[0]

    def questions(self) -> list[Question]:
        numero = self.dimension()
        return [q for q in self.toutes_les_questions() if q.dimension.numero == numero]

    def reponses(self, questions) -> dict:
        if not hasattr(self, "_reponses"):
            self._reponses = {
                r.question_id: r
                for r in Reponse.objects.filter(campagne=self.campagne(), membre=self.membre)
            }
        return self._reponses

    def get_context_data(self, **kwargs):
        contexte = super().get_context_data(**kwargs)
        repondues = {
            question_id
            for question_id, r in self.reponses(None).items()
            if r.niveau or r.non_concerne
        }
        etapes: dict[int, dict] = {}
        for question in self.toutes_les_questions():
            etape = etapes.setdefault(
                question.dimension.numero,
                {"dimension": question.dimension, "total": 0, "repondues": 0},
            )
            etape["total"] += 1
            etape["repondues"] += question.pk in repondues
        numero = self.dimension()
        contexte.update(
            repondues=len(repondues),
            total=len(self.toutes_les_questions()),
            etapes=list(etapes.values()),
            dimension_courante=numero,
            dimension_suivante=next((n for n in self.numeros() if n > numero), None),
        )
        return contexte

    def suite(self, request, campagne) -> str:
        suivante = next((n for n in self.numeros() if n > self.dimension()), None)
        if "suivante" in request.POST and suivante is not None:
            return f"{request.path}?dimension={suivante}"
        if "continuer" in request.POST:
            return f"{request.path}?dimension={self.dimension()}"
        return campagne.get_absolute_url()

    def enregistrer(self, form) -> int:
        return services.reponses_enregistrer(
            campagne=self.campagne(), membre=self.membre, saisies=form.saisies()
        )

    def message_succes(self, nombre: int) -> str:
        return (
            f"Vos réponses sont enregistrées ({nombre} modifiée{'s' if nombre > 1 else ''}). "
            "Vous pouvez revenir les compléter tant que la campagne est ouverte."
        )


class ConsolidationView(GrilleView):
    template_name = "strategie_nr/diagnostic/consolidation.html"
    permission = staticmethod(peut_piloter)
    form_class = ConsolidationForm

    def resultats(self):
        if not hasattr(self, "_resultats"):
            self._resultats = selectors.resultats_campagne(self.campagne(), comparer=False)
        return self._resultats

    def moyennes(self) -> dict:
        return {
            ligne.question.pk: ligne.moyenne_individuelle
            for dimension in self.resultats().dimensions
            for ligne in dimension.questions
        }

    def reponses(self, questions) -> dict:
        """La réponse consolidée si elle existe, sinon le niveau proposé par la moyenne."""
        reponses = {}
        for dimension in self.resultats().dimensions:
            for ligne in dimension.questions:
                if ligne.consolidee is not None:
                    reponses[ligne.question.pk] = ligne.consolidee
                else:
                    niveau = services.scores.niveau_propose(ligne.moyenne_individuelle)
                    reponses[ligne.question.pk] = ReponseConsolidee(niveau=niveau)
        return reponses

    def get_context_data(self, **kwargs):
        contexte = super().get_context_data(**kwargs)
        lignes = {
            ligne.question.pk: ligne
            for dimension in self.resultats().dimensions
            for ligne in dimension.questions
        }
        individuelles: dict[int, list] = {}
        for reponse in (
            Reponse.objects.filter(campagne=self.campagne())
            .select_related("membre__utilisateur")
            .order_by("membre__utilisateur__last_name")
        ):
            individuelles.setdefault(reponse.question_id, []).append(reponse)
        contexte["groupes"] = [
            (
                dimension,
                [
                    (*ligne, lignes[ligne[0].pk], individuelles.get(ligne[0].pk, []))
                    for ligne in liste
                ],
            )
            for dimension, liste in contexte["groupes"]
        ]
        contexte["participation"] = selectors.participation(self.campagne())
        return contexte

    def enregistrer(self, form) -> int:
        return services.consolidation_enregistrer(
            campagne=self.campagne(),
            auteur=self.membre,
            saisies=form.saisies(),
            moyennes=self.moyennes(),
        )

    def message_succes(self, nombre: int) -> str:
        return f"Consolidation enregistrée ({nombre} réponse{'s' if nombre > 1 else ''})."

    def suite(self, request, campagne) -> str:
        if "clore" in request.POST:
            return reverse("diagnostic:cloturer", kwargs={"pk": campagne.pk})
        return super().suite(request, campagne)


class ExportView(MembreRequisMixin, View):
    permission = staticmethod(peut_voir_resultats)

    def get(self, request, pk):
        campagne = _campagne_de(self.collectivite, pk)
        contenu = campagne_xlsx(campagne)
        reponse = HttpResponse(
            contenu,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        nom = slugify(f"diagnostic-{campagne.titre}-{campagne.date:%Y-%m-%d}")
        reponse["Content-Disposition"] = f'attachment; filename="{nom}.xlsx"'
        return reponse
