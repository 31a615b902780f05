from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from collectivites.forms import erreurs_vers_formulaire
from collectivites.perms import MembreRequisMixin, peut_contribuer
from parc.importation.views import TailleLimiteeUploadHandler
from strategie_nr.fiches.models import FicheAction, VersionFeuilleDeRoute

from . import services
from .enums import Rattachement
from .forms import PieceForm
from .models import PieceJustificative
from .perms import peut_ajouter_piece, peut_supprimer_piece

# Place laissée aux autres champs du formulaire (nature, description, jeton, en-têtes).
MARGE_FORMULAIRE = 64 * 1024


@method_decorator(csrf_exempt, name="dispatch")  # vérifié par `_deposer`, après la limite
class AjouterView(MembreRequisMixin, View):
    """Joindre une pièce : la taille est limitée pendant la réception (le fichier trop gros est
    abandonné sans être gardé ni en mémoire ni sur disque), et la requête entière l'est avant
    d'être lue."""

    permission = staticmethod(peut_contribuer)
    template_name = "strategie_nr/pieces/ajouter.html"
    rattachement = ""

    def cible(self):
        """(objet, page de retour, libellé) ; 404 pour un objet d'une autre collectivité."""
        raise NotImplementedError

    def verifier(self, objet):
        if not peut_ajouter_piece(self.membre, rattachement=self.rattachement, objet=objet):
            raise PermissionDenied(
                "Seuls le responsable de la fiche et le référent y joignent des pièces."
            )

    def rendre(self, form, objet, retour, libelle, status=200, erreur_requete=""):
        version = objet.version if self.rattachement == Rattachement.FICHE else objet
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "erreur_requete": erreur_requete,
                "objet": objet,
                "retour": retour,
                "libelle": libelle,
                "version_validee": version is not None and version.est_validee,
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        objet, retour, libelle = self.cible()
        self.verifier(objet)
        form = PieceForm(taille_max=services.taille_max())
        return self.rendre(form, objet, retour, libelle)

    def post(self, request, *args, **kwargs):
        objet, retour, libelle = self.cible()
        self.verifier(objet)
        limite = services.taille_max()
        try:
            annonce = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            annonce = 0
        if annonce > limite + MARGE_FORMULAIRE:
            # Rien n'est lu : la requête entière dépasse ce qu'une pièce peut peser.
            form = PieceForm(taille_max=limite)
            erreur = services.message_taille(limite) + " Rien n'a été enregistré."
            return self.rendre(form, objet, retour, libelle, status=413, erreur_requete=erreur)
        gestionnaire = TailleLimiteeUploadHandler(request, limite)
        request.upload_handlers.insert(0, gestionnaire)
        return self._deposer(request, gestionnaire, objet, retour, libelle)

    @method_decorator(csrf_protect)
    def _deposer(self, request, gestionnaire, objet, retour, libelle):
        form = PieceForm(
            request.POST,
            request.FILES,
            taille_max=gestionnaire.taille_max,
            taille_depassee=gestionnaire.depasse,
        )
        form.message_taille = services.message_taille(gestionnaire.taille_max)
        if form.is_valid():
            cible = {"version": objet} if self.rattachement == Rattachement.VERSION else {}
            if self.rattachement == Rattachement.FICHE:
                cible = {"fiche": objet}
            try:
                piece, creee = services.piece_ajouter(
                    collectivite=self.collectivite,
                    auteur=self.membre,
                    fichier=form.cleaned_data["fichier"],
                    nature=form.cleaned_data["nature"],
                    description=form.cleaned_data["description"],
                    jeton=form.cleaned_data["jeton"],
                    **cible,
                )
            except ValidationError as erreur:
                erreurs_vers_formulaire(form, erreur)
            else:
                if creee:
                    messages.success(request, f"La pièce « {piece.nom_fichier} » est jointe.")
                else:
                    messages.info(request, f"La pièce « {piece.nom_fichier} » était déjà jointe.")
                return redirect(retour)
        return self.rendre(form, objet, retour, libelle, status=400)


class AjouterProgrammeView(AjouterView):
    rattachement = Rattachement.PROGRAMME

    def cible(self):
        return None, reverse("programme:index") + "#pieces", "le programme de travail"


class AjouterVersionView(AjouterView):
    rattachement = Rattachement.VERSION

    def cible(self):
        version = get_object_or_404(
            VersionFeuilleDeRoute.objects.for_collectivite(self.collectivite), pk=self.kwargs["pk"]
        )
        libelle = f"la version {version.libelle} de la feuille de route"
        return version, version.get_absolute_url() + "#pieces", libelle


class AjouterFicheView(AjouterView):
    rattachement = Rattachement.FICHE

    def cible(self):
        fiche = get_object_or_404(
            FicheAction.objects.for_collectivite(self.collectivite).select_related(
                "version__feuille_de_route"
            ),
            pk=self.kwargs["pk"],
        )
        return fiche, fiche.get_absolute_url() + "#pieces", f"la fiche « {fiche.titre} »"


def _piece_de(collectivite, pk) -> PieceJustificative:
    return get_object_or_404(
        PieceJustificative.objects.for_collectivite(collectivite).select_related(
            "version", "fiche__version"
        ),
        pk=pk,
    )


def _page_de(piece) -> str:
    if piece.rattachement == Rattachement.VERSION:
        return piece.version.get_absolute_url() + "#pieces"
    if piece.rattachement == Rattachement.FICHE:
        return piece.fiche.get_absolute_url() + "#pieces"
    return reverse("programme:index") + "#pieces"


class TelechargerView(MembreRequisMixin, View):
    """Le fichier, en pièce jointe (jamais affiché dans la page) et sans deviner son type."""

    def get(self, request, pk):
        piece = _piece_de(self.collectivite, pk)
        reponse = FileResponse(
            piece.fichier.open("rb"),
            as_attachment=True,
            filename=piece.nom_fichier,
            content_type=piece.type_mime,
        )
        reponse["X-Content-Type-Options"] = "nosniff"
        reponse["Cache-Control"] = "private, no-store"
        reponse["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return reponse


class SupprimerView(MembreRequisMixin, View):
    """Confirmation (GET) puis suppression (POST)."""

    permission = staticmethod(peut_contribuer)
    template_name = "strategie_nr/pieces/supprimer.html"

    def piece(self):
        piece = _piece_de(self.collectivite, self.kwargs["pk"])
        if not piece.conservee and not peut_supprimer_piece(self.membre, piece):
            raise PermissionDenied("Votre rôle ne permet pas de supprimer cette pièce.")
        return piece

    def get(self, request, pk):
        piece = self.piece()
        return render(request, self.template_name, {"piece": piece, "retour": _page_de(piece)})

    def post(self, request, pk):
        piece = self.piece()
        try:
            services.piece_supprimer(piece=piece, auteur=self.membre)
        except ValidationError as erreur:
            messages.error(request, " ".join(erreur.messages))
        else:
            messages.success(request, f"La pièce « {piece.nom_fichier} » est supprimée.")
        return redirect(_page_de(piece))
