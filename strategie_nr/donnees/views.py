"""Pages et API publiques des données ouvertes, et le réglage de la publication (référent).

Rien de ce qui n'est pas publié n'est joignable : code inconnu, choix non publié, stratégie
sans version validée, année sans déclaration donnent la même 404.
"""

from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View

from collectivites.edition import EditionView
from parc import conformite
from parc import exports as exports_parc
from strategie_nr.documents.services import nom_de_fichier

from . import exports, limites, selectors
from .forms import PublicationForm
from .perms import peut_publier
from .services import publication_modifier

SCHEMAS = Path(__file__).resolve().parent / "schemas"
CACHE_NAVIGATEUR = "public, max-age=60"


@method_decorator(login_not_required, name="dispatch")
class PublicMixin:
    """Une page ou un fichier public : sans connexion, en lecture seule, limité par adresse."""

    http_method_names = ["get", "head"]
    reponse_json = False
    # Fichiers et API : les mêmes octets pour tous, qu'un cache partagé peut garder une minute.
    # La page HTML, elle, porte l'en-tête de la personne connectée : jamais dans un tel cache.
    cache_partage = True

    def dispatch(self, request, *args, **kwargs):
        secondes = limites.attente(request)
        if secondes is not None:
            return limites.trop_de_demandes(request, secondes, json=self.reponse_json)
        try:
            if "code" in kwargs:
                self.collectivite = selectors.collectivite_par_code(kwargs["code"])
                if self.collectivite is None:
                    raise Http404("Aucune collectivité ne publie de données sous ce code.")
                self.publication = selectors.publication_de(self.collectivite)
            reponse = super().dispatch(request, *args, **kwargs)
        except Http404 as absent:
            if not self.reponse_json:
                raise
            # Un programme qui lit l'API reçoit du JSON, même pour dire « rien ici ».
            return JsonResponse({"erreur": str(absent)}, status=404)
        if self.cache_partage:
            reponse.headers.setdefault("Cache-Control", CACHE_NAVIGATEUR)
        return reponse

    def exiger(self, publie: bool):
        if not publie:
            raise Http404("Ces données ne sont pas publiées.")


def _lien_licence() -> str:
    return f'<{selectors.LICENCE["url"]}>; rel="license"'


class PageView(PublicMixin, View):
    """La page publique d'une collectivité : ce qu'elle publie, et comment le réutiliser."""

    cache_partage = False

    def get(self, request, code):
        publication = self.publication
        self.exiger(publication.publie_quelque_chose)
        indicateurs = (
            selectors.indicateurs_publies(publication) if publication.indicateurs else None
        )
        strategie = (
            selectors.strategie_publiee(self.collectivite) if publication.strategie else None
        )
        declarations = (
            selectors.declarations_agec_publiees(publication)
            if publication.declaration_agec
            else {}
        )
        url_json = request.build_absolute_uri(
            reverse("donnees:indicateurs_json", args=[self.collectivite.code_officiel])
        )
        return render(
            request,
            "donnees/page.html",
            {
                "publique": self.collectivite,
                "publication": publication,
                "indicateurs": indicateurs,
                "strategie": strategie,
                "declarations": sorted(declarations, reverse=True),
                "licence": selectors.LICENCE,
                "url_json": url_json,
            },
        )


class IndicateursView(PublicMixin, View):
    """API v1 : les indicateurs publiés, en JSON (avec la licence et la description des
    champs) ou en CSV (licence dans l'en-tête HTTP `Link`)."""

    format = "json"

    @property
    def reponse_json(self):
        return self.format == "json"

    def get(self, request, code):
        publication = self.publication
        self.exiger(publication.indicateurs)
        donnees = selectors.indicateurs_publies(publication)
        code = self.collectivite.code_officiel
        if self.format == "json":
            document = exports.document_json(
                request, collectivite=self.collectivite, publication=publication, donnees=donnees
            )
            reponse = HttpResponse(
                exports.contenu_json(document), content_type="application/json; charset=utf-8"
            )
            autre = reverse("donnees:indicateurs_csv", args=[code])
            reponse["Link"] = f'{_lien_licence()}, <{autre}>; rel="alternate"; type="text/csv"'
        else:
            reponse = HttpResponse(
                exports.contenu_csv(donnees["lignes"]),
                content_type="text/csv; charset=utf-8; header=present",
            )
            autre = reverse("donnees:indicateurs_json", args=[code])
            reponse["Link"] = (
                f'{_lien_licence()}, <{autre}>; rel="alternate"; type="application/json", '
                f'<{reverse("donnees:schema_indicateurs_csv")}>; rel="describedby"'
            )
            reponse["Content-Disposition"] = f'inline; filename="indicateurs-{code}.csv"'
        reponse["Access-Control-Allow-Origin"] = "*"
        return reponse


class SchemaView(PublicMixin, View):
    """Le schéma des réponses de l'API des indicateurs : schéma JSON de la réponse JSON, ou
    Table Schema (frictionless, celui des schémas de data.gouv.fr) du CSV."""

    reponse_json = True
    fichier = "indicateurs-v1.schema.json"
    type_contenu = "application/schema+json"

    def get(self, request):
        contenu = (SCHEMAS / self.fichier).read_bytes()
        reponse = HttpResponse(contenu, content_type=self.type_contenu)
        reponse["Access-Control-Allow-Origin"] = "*"
        return reponse


class StrategieView(PublicMixin, View):
    """Le PDF officiel de la dernière version validée, les octets enregistrés tels quels."""

    def get(self, request, code):
        self.exiger(self.publication.strategie)
        document = selectors.strategie_publiee(self.collectivite, avec_contenu=True)
        self.exiger(document is not None)
        contenu = bytes(document.contenu)
        reponse = HttpResponse(contenu, content_type="application/pdf")
        nom = nom_de_fichier(self.collectivite, f"strategie-{document.version.libelle}")
        reponse["Content-Disposition"] = f'inline; filename="{nom}"'
        reponse["Content-Length"] = str(len(contenu))
        reponse["Link"] = _lien_licence()
        return reponse


class DeclarationAgecView(PublicMixin, View):
    """La déclaration annuelle AGEC d'une année close, au schéma national (CSV)."""

    def get(self, request, code, annee):
        self.exiger(self.publication.declaration_agec)
        lignes = selectors.declarations_agec_publiees(self.publication).get(annee)
        self.exiger(lignes is not None)
        reponse = HttpResponse(
            exports_parc.declaration_agec_csv(lignes, conformite.CHAMPS_DECLARATION),
            content_type="text/csv; charset=utf-8; header=present",
        )
        nom = f"declaration-agec-{annee}-{self.collectivite.siret}.csv"
        reponse["Content-Disposition"] = f'inline; filename="{nom}"'
        reponse["Link"] = _lien_licence()
        reponse["Access-Control-Allow-Origin"] = "*"
        return reponse


class PublicationView(EditionView):
    """Le référent choisit ce que la collectivité publie ; rien par défaut."""

    permission = staticmethod(peut_publier)
    template_name = "donnees/publication.html"
    message = "Les choix de publication sont enregistrés."

    def publication(self):
        if not hasattr(self, "_publication"):
            self._publication = selectors.publication_de(self.collectivite)
        return self._publication

    def formulaire(self, donnees=None):
        if donnees is not None:
            return PublicationForm(donnees)
        publication = self.publication()
        return PublicationForm(
            initial={
                "indicateurs": publication.indicateurs,
                "strategie": publication.strategie,
                "declaration_agec": publication.declaration_agec,
            }
        )

    def enregistrer(self, form):
        return publication_modifier(
            collectivite=self.collectivite, par=self.membre, **form.cleaned_data
        )

    def succes(self, publication) -> str:
        return reverse("donnees:publication")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            publication=self.publication(),
            historique=selectors.historique_de(self.collectivite),
            strategie_validee=selectors.strategie_publiee(self.collectivite) is not None,
            **kwargs,
        )
