from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from collectivites import perms
from strategie_nr.plateforme.televersement import TailleLimiteeUploadHandler
from strategie_nr.travaux.views import vers_le_travail

from . import selectors, services
from .forms import ConfirmationForm, CorrespondancesForm, DepotForm, OptionsForm
from .lecture import FichierRefuse, taille_max
from .models import ImportEnAttente
from .travaux import import_confirmation_demander

EXEMPLES = {
    "export_glpi.csv": "text/csv; charset=windows-1252",
    "grille_anct.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ImportMixin(perms.MembreRequisMixin):
    """Agents et référents importent ; les élus n'y ont pas accès (403)."""

    permission = staticmethod(perms.peut_contribuer)


@method_decorator(csrf_exempt, name="dispatch")  # vérifié par `_deposer`, après la limite
class DepotView(ImportMixin, View):
    template_name = "parc/importation/depot.html"

    def contexte(self, form):
        return {
            "form": form,
            "en_attente": selectors.imports_en_attente(self.collectivite, self.request.user),
            "champs": selectors.champs_reconnus(),
            "taille_max_mo": taille_max() // (1024 * 1024),
        }

    def get(self, request):
        return render(request, self.template_name, self.contexte(DepotForm()))

    def post(self, request):
        # La limite de taille doit être posée avant toute lecture du corps de la requête,
        # donc avant la vérification CSRF (qui lit le formulaire) : voir la documentation
        # de Django sur les gestionnaires de téléversement.
        limite = TailleLimiteeUploadHandler(request, taille_max())
        request.upload_handlers.insert(0, limite)
        return self._deposer(request, limite)

    @method_decorator(csrf_protect)
    def _deposer(self, request, limite):
        form = DepotForm(
            request.POST,
            request.FILES,
            taille_depassee=limite.taille_max if limite.depasse else None,
        )
        if form.is_valid():
            fichier = form.cleaned_data["fichier"]
            try:
                en_attente = services.import_deposer(
                    collectivite=self.collectivite,
                    auteur=request.user,
                    nom_fichier=fichier.name,
                    flux=fichier,
                )
            except FichierRefuse as refus:
                form.add_error("fichier", refus.message)
            else:
                return redirect(en_attente)
        return render(request, self.template_name, self.contexte(form), status=400)


class EnAttenteMixin(ImportMixin):
    def en_attente(self, pk) -> ImportEnAttente:
        return get_object_or_404(
            ImportEnAttente.objects.for_collectivite(self.collectivite).valides(), pk=pk
        )

    def deja_confirme(self, pk):
        """Un second clic (ou un retour arrière) après la fin de l'import : le parc, avec un
        message, plutôt qu'une page introuvable. Seulement dans la collectivité courante."""
        confirme = selectors.import_confirme(self.collectivite, pk)
        if confirme is None:
            return None
        messages.info(self.request, services.ImportDejaConfirme.message_pour(confirme))
        return redirect("parc:index")


def _parc_avec_message(request, message):
    messages.info(request, message)
    return redirect("parc:index")


class ApercuView(EnAttenteMixin, View):
    template_name = "parc/importation/apercu.html"

    def rendre(
        self,
        request,
        en_attente,
        *,
        form_correspondances=None,
        confirmation=None,
        options=None,
        status=200,
    ):
        analyse = services.import_en_attente_analyser(import_en_attente=en_attente)
        if form_correspondances is None and analyse.inconnues:
            form_correspondances = CorrespondancesForm(
                inconnues=analyse.inconnues, listes=selectors.listes_de_correspondance()
            )
        if options is None:
            options = OptionsForm(
                initial={
                    "type_par_defaut": en_attente.type_par_defaut,
                    "service_depuis_entite": en_attente.service_depuis_entite,
                }
            )
        contexte = {
            "en_attente": en_attente,
            "analyse": analyse,
            "form_correspondances": form_correspondances,
            "options": options,
            "confirmation": confirmation or ConfirmationForm(),
        }
        return render(request, self.template_name, contexte, status=status)

    def get(self, request, pk):
        return self.deja_confirme(pk) or self.rendre(request, self.en_attente(pk))


class CorrespondancesView(ApercuView):
    def get(self, request, pk):
        return redirect("import_parc:apercu", pk=self.en_attente(pk).pk)

    def post(self, request, pk):
        en_attente = self.en_attente(pk)
        analyse = services.import_en_attente_analyser(import_en_attente=en_attente)
        form = CorrespondancesForm(
            request.POST,
            inconnues=analyse.inconnues,
            listes=selectors.listes_de_correspondance(),
        )
        if not form.is_valid():
            return self.rendre(request, en_attente, form_correspondances=form, status=400)
        nombre = services.correspondances_enregistrer(
            collectivite=self.collectivite, auteur=request.user, choix=form.choix()
        )
        messages.success(
            request,
            f"{nombre} correspondance{'s' if nombre > 1 else ''} enregistrée"
            f"{'s' if nombre > 1 else ''} pour les prochains imports.",
        )
        return redirect(en_attente)


class ConfirmationView(ApercuView):
    def get(self, request, pk):
        return redirect("import_parc:apercu", pk=self.en_attente(pk).pk)

    def post(self, request, pk):
        if reponse := self.deja_confirme(pk):
            return reponse
        en_attente = self.en_attente(pk)
        form = ConfirmationForm(request.POST)
        form.is_valid()
        seulement_valides = form.cleaned_data.get("seulement_valides", False)
        if en_attente.taille > settings.IMPORT_EN_ARRIERE_PLAN_OCTETS:
            travail = import_confirmation_demander(
                en_attente=en_attente,
                demandeur=self.membre,
                auteur=request.user,
                seulement_valides=seulement_valides,
            )
            return vers_le_travail(travail)
        try:
            resultat = services.import_en_attente_confirmer(
                import_en_attente=en_attente,
                auteur=request.user,
                seulement_valides=seulement_valides,
            )
        except services.ImportDejaConfirme as deja:
            # Le premier clic l'a confirmé pendant que celui-ci attendait.
            return self.deja_confirme(pk) or _parc_avec_message(request, deja.message)
        if not resultat.enregistre:
            form.add_error(
                None,
                "Rien n'a été importé : le fichier contient des lignes en erreur. Corrigez-les "
                "et déposez-le de nouveau, ou confirmez depuis l'aperçu pour n'importer que les "
                "lignes valides.",
            )
            return self.rendre(request, en_attente, confirmation=form, status=400)
        messages.success(request, resultat.resume())
        return redirect("parc:index")


class OptionsView(ApercuView):
    def get(self, request, pk):
        return redirect("import_parc:apercu", pk=self.en_attente(pk).pk)

    def post(self, request, pk):
        en_attente = self.en_attente(pk)
        form = OptionsForm(request.POST)
        if not form.is_valid():
            return self.rendre(request, en_attente, options=form, status=400)
        services.import_en_attente_regler(
            import_en_attente=en_attente,
            type_par_defaut=form.cleaned_data["type_par_defaut"],
            service_depuis_entite=form.cleaned_data["service_depuis_entite"],
        )
        messages.success(request, "Choix enregistrés : l'aperçu en tient compte.")
        return redirect(en_attente)


class AbandonView(EnAttenteMixin, View):
    """Abandonner demande confirmation sur sa propre page (GET), puis oublie l'aperçu (POST)."""

    def get(self, request, pk):
        return render(
            request, "parc/importation/abandonner.html", {"en_attente": self.en_attente(pk)}
        )

    def post(self, request, pk):
        services.import_en_attente_abandonner(import_en_attente=self.en_attente(pk))
        messages.info(request, "L'import a été abandonné ; rien n'a changé dans le parc.")
        return redirect("import_parc:depot")


class ExempleView(ImportMixin, View):
    """Fichiers d'exemple (export GLPI, grille ANCT), pour essayer l'import."""

    def get(self, request, nom):
        if nom not in EXEMPLES:
            raise Http404("Fichier d'exemple inconnu.")
        chemin = services.DOSSIER_EXEMPLES / nom
        return FileResponse(
            chemin.open("rb"), as_attachment=True, filename=nom, content_type=EXEMPLES[nom]
        )
