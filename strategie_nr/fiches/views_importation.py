"""Import d'un plan d'action existant (aperçu puis confirmation) et export XLSX."""

import uuid
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views import View

from collectivites.edition import erreur_en_texte
from collectivites.models import Membre
from collectivites.perms import MembreRequisMixin, peut_contribuer

from .enums import StatutFiche
from .importation import (
    COLONNES,
    EXTENSIONS,
    LIGNES_MAX,
    TAILLE_MAX,
    FichierRefuse,
    ImportDejaConfirme,
    feuille_de_route_exporter,
    mois_lisible,
    plan_action_analyser,
    plan_action_importer,
)
from .models import VersionFeuilleDeRoute
from .selectors import import_plan_action_fait, raison_non_modifiable, version_courante

CLE_SESSION = "import_plan_action"


class ImportForm(forms.Form):
    fichier = forms.FileField(
        label="Plan d'action (.xlsx, .ods ou .csv)",
        help_text=f"Une ligne par action, {LIGNES_MAX} lignes et "
        f"{TAILLE_MAX // 1024 // 1024} Mo au plus.",
        error_messages={
            "required": "Choisissez le fichier de votre plan d'action.",
            "empty": "Le fichier est vide.",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("submit", "Analyser le fichier"))


def _resume(valeurs: dict, noms: dict[int, str]) -> dict:
    """Ce que l'aperçu montre d'une ligne valide."""
    return {
        "axe": valeurs["axe"],
        "responsable": noms.get(valeurs["responsable"], ""),
        "debut": mois_lisible(valeurs["debut"]),
        "fin": mois_lisible(valeurs["fin"]),
        "budget": f"{Decimal(valeurs.get('budget', '0')):,.2f}".replace(",", "\u202f").replace(
            ".", ","
        ),
        "statut": StatutFiche(valeurs.get("statut", StatutFiche.A_VENIR)).label,
    }


class ImporterView(MembreRequisMixin, View):
    permission = staticmethod(peut_contribuer)
    template_name = "strategie_nr/fiches/import.html"

    def afficher(self, form, statut=200, erreur=""):
        contexte = {
            "form": form,
            "erreur": erreur,
            "colonnes": COLONNES,
            "raison": raison_non_modifiable(self.collectivite),
            "version": version_courante(self.collectivite),
        }
        return render(self.request, self.template_name, contexte, status=statut)

    def get(self, request):
        return self.afficher(ImportForm())

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.afficher(form, statut=400)
        raison = raison_non_modifiable(self.collectivite)
        if raison:
            return self.afficher(form, statut=400, erreur=raison)
        fichier = form.cleaned_data["fichier"]
        contenu = fichier.read(TAILLE_MAX + 1)
        try:
            analyse = plan_action_analyser(
                collectivite=self.collectivite,
                version=version_courante(self.collectivite),
                nom=fichier.name,
                contenu=contenu,
            )
        except FichierRefuse as refus:
            return self.afficher(form, statut=400, erreur=refus.message)
        noms = {
            m.pk: str(m.utilisateur)
            for m in Membre.objects.for_collectivite(self.collectivite).select_related(
                "utilisateur"
            )
        }
        request.session[CLE_SESSION] = {
            "collectivite": self.collectivite.pk,
            "jeton": uuid.uuid4().hex,
            "nom": analyse.nom_fichier,
            "colonnes_ignorees": analyse.colonnes_ignorees,
            "lignes": [
                {
                    "numero": ligne.numero,
                    "titre": ligne.titre,
                    "valeurs": ligne.valeurs,
                    "erreurs": ligne.erreurs,
                    "resume": _resume(ligne.valeurs, noms) if ligne.valide else {},
                }
                for ligne in analyse.lignes
            ],
        }
        return redirect("fiches:import_apercu")


class ApercuImportView(MembreRequisMixin, View):
    permission = staticmethod(peut_contribuer)
    template_name = "strategie_nr/fiches/import_apercu.html"

    def analyse(self):
        analyse = self.request.session.get(CLE_SESSION)
        if not analyse or analyse.get("collectivite") != self.collectivite.pk:
            return None
        return analyse

    def afficher(self, analyse, statut=200, erreur=""):
        valides = [ligne for ligne in analyse["lignes"] if not ligne["erreurs"]]
        rejetees = [ligne for ligne in analyse["lignes"] if ligne["erreurs"]]
        contexte = {
            "analyse": analyse,
            "valides": valides,
            "rejetees": rejetees,
            "erreur": erreur,
            "version": version_courante(self.collectivite),
        }
        return render(self.request, self.template_name, contexte, status=statut)

    def get(self, request):
        analyse = self.analyse()
        if analyse is None:
            messages.info(request, "Aucun fichier en attente : choisissez le plan à importer.")
            return redirect("fiches:importer")
        return self.afficher(analyse)

    def deja_importe(self, jeton: str):
        """Un second clic arrivé après la fin du premier import : les fiches, avec un message.
        Le jeton d'une autre collectivité ne se distingue pas d'un jeton inconnu."""
        trace = import_plan_action_fait(self.collectivite, jeton)
        if trace is None:
            return None
        messages.info(self.request, ImportDejaConfirme.message_pour(trace))
        return redirect("fiches:index")

    def post(self, request):
        analyse = self.analyse()
        jeton = request.POST.get("jeton", "")
        # L'aperçu confirmé n'est plus celui de la session : déjà importé, ou remplacé.
        remplace = analyse is None or (jeton and jeton != analyse.get("jeton"))
        if remplace and (reponse := self.deja_importe(jeton)):
            return reponse
        if analyse is None:
            messages.error(request, "L'aperçu a expiré : analysez de nouveau le fichier.")
            return redirect("fiches:importer")
        if jeton and jeton != analyse.get("jeton"):
            messages.error(
                request,
                "Un autre fichier a été analysé depuis : vérifiez son aperçu avant de confirmer.",
            )
            return redirect("fiches:import_apercu")
        if "annuler" in request.POST:
            del request.session[CLE_SESSION]
            messages.info(request, "Import annulé : rien n'a été créé.")
            return redirect("fiches:index")
        valides = [ligne for ligne in analyse["lignes"] if not ligne["erreurs"]]
        rejetees = len(analyse["lignes"]) - len(valides)
        if not valides:
            return self.afficher(
                analyse, 400, "Aucune ligne n'est valide : corrigez le fichier et recommencez."
            )
        if rejetees and request.POST.get("lignes_valides") != "1":
            return self.afficher(
                analyse,
                400,
                f"{rejetees} ligne{'s' if rejetees > 1 else ''} "
                f"{'sont rejetées' if rejetees > 1 else 'est rejetée'} : rien n'a été importé. "
                "Corrigez le fichier, ou cochez « Importer seulement les lignes valides ».",
            )
        try:
            fiches = plan_action_importer(
                collectivite=self.collectivite,
                auteur=self.membre,
                lignes=valides,
                jeton=analyse.get("jeton", ""),
                nom_fichier=analyse.get("nom", ""),
            )
        except ImportDejaConfirme as deja:
            # Le premier clic l'a importé pendant que celui-ci attendait.
            request.session.pop(CLE_SESSION, None)
            if reponse := self.deja_importe(analyse.get("jeton", "")):
                return reponse
            messages.info(request, deja.message)
            return redirect("fiches:index")
        except ValidationError as erreur:
            return self.afficher(analyse, 400, erreur_en_texte(erreur))
        del request.session[CLE_SESSION]
        version = fiches[0].version
        messages.success(
            request,
            f"{len(fiches)} fiche{'s' if len(fiches) > 1 else ''} action"
            f"{'s' if len(fiches) > 1 else ''} importée{'s' if len(fiches) > 1 else ''} dans "
            f"la version {version.libelle}.",
        )
        return redirect("fiches:index")


class AnnulerImportView(ApercuImportView):
    """Abandonner l'aperçu demande confirmation sur sa propre page (GET), puis l'oublie."""

    def get(self, request):
        analyse = self.analyse()
        if analyse is None:
            messages.info(request, "Aucun fichier en attente : rien à annuler.")
            return redirect("fiches:importer")
        return render(
            request,
            "strategie_nr/fiches/import_annuler.html",
            {"lignes": len(analyse["lignes"])},
        )

    def post(self, request):
        request.session.pop(CLE_SESSION, None)
        messages.info(request, "Import annulé : rien n'a été créé.")
        return redirect("fiches:index")


class ExporterView(MembreRequisMixin, View):
    """La version courante, ou la version `?version=<numéro>`, en classeur XLSX."""

    def get(self, request):
        versions = VersionFeuilleDeRoute.objects.for_collectivite(self.collectivite)
        numero = request.GET.get("version", "")
        if numero:
            if not numero.isdigit():
                raise Http404("Version inconnue.")
            version = get_object_or_404(versions, numero=int(numero))
        else:
            version = version_courante(self.collectivite)
            if version is None:
                messages.info(request, "Aucune fiche action à exporter pour le moment.")
                return redirect("fiches:index")
        contenu = feuille_de_route_exporter(collectivite=self.collectivite, version=version)
        nom = f"feuille-de-route-{slugify(self.collectivite.nom)}-{version.libelle}.xlsx"
        return HttpResponse(
            contenu,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="{nom}"'},
        )
