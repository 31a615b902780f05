import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from collectivites.edition import EditionView, SuppressionView
from collectivites.perms import MembreRequisMixin, peut_contribuer
from strategie_nr.fiches.models import FicheAction, VersionFeuilleDeRoute
from strategie_nr.plateforme.televersement import TailleLimiteeUploadHandler

from . import services
from .enums import Rattachement
from .forms import PieceForm
from .models import PieceJustificative
from .perms import peut_ajouter_piece, peut_supprimer_piece

logger = logging.getLogger(__name__)

# Place laissée aux autres champs du formulaire (nature, description, jeton, en-têtes).
MARGE_FORMULAIRE = 64 * 1024


@method_decorator(csrf_exempt, name="dispatch")  # vérifié par `_deposer`, après la limite
class AjouterView(EditionView):
    """Joindre une pièce : la taille est limitée pendant la réception (le fichier trop gros est
    abandonné sans être gardé ni en mémoire ni sur disque), et la requête entière l'est avant
    d'être lue."""

    permission = staticmethod(peut_contribuer)
    template_name = "strategie_nr/pieces/ajouter.html"
    rattachement = ""

    def cible(self):
        """(objet, page de retour, libellé) ; 404 pour un objet d'une autre collectivité."""
        raise NotImplementedError

    def cible_permise(self):
        """La cible, si le membre peut y joindre une pièce (403 sinon)."""
        if not hasattr(self, "_cible"):
            objet, retour, libelle = self.cible()
            if not peut_ajouter_piece(self.membre, rattachement=self.rattachement, objet=objet):
                raise PermissionDenied(
                    "Seuls le responsable de la fiche et le référent y joignent des pièces."
                )
            self._cible = objet, retour, libelle
        return self._cible

    def formulaire(self, donnees=None):
        if donnees is None:
            return PieceForm(taille_max=services.taille_max())
        # Le fichier reçu (ou abandonné en route) par le gestionnaire posé dans `post`.
        fichiers = self.request.FILES
        form = PieceForm(
            donnees,
            fichiers,
            taille_max=self.gestionnaire.taille_max,
            taille_depassee=self.gestionnaire.depasse,
        )
        form.message_taille = services.message_taille(self.gestionnaire.taille_max)
        return form

    def enregistrer(self, form):
        """Rend `(pièce, créée)` : un double clic rend la pièce déjà jointe."""
        objet, _, _ = self.cible_permise()
        cible = {"version": objet} if self.rattachement == Rattachement.VERSION else {}
        if self.rattachement == Rattachement.FICHE:
            cible = {"fiche": objet}
        return services.piece_ajouter(
            collectivite=self.collectivite,
            auteur=self.membre,
            fichier=form.cleaned_data["fichier"],
            nature=form.cleaned_data["nature"],
            description=form.cleaned_data["description"],
            jeton=form.cleaned_data["jeton"],
            **cible,
        )

    def annoncer(self, resultat):
        piece, creee = resultat
        if creee:
            messages.success(self.request, f"La pièce « {piece.nom_fichier} » est jointe.")
        else:
            messages.info(self.request, f"La pièce « {piece.nom_fichier} » était déjà jointe.")

    def succes(self, resultat) -> str:
        _, retour, _ = self.cible_permise()
        return retour

    def get_context_data(self, erreur_requete="", **kwargs):
        objet, retour, libelle = self.cible_permise()
        version = objet.version if self.rattachement == Rattachement.FICHE else objet
        return super().get_context_data(
            erreur_requete=erreur_requete,
            objet=objet,
            retour=retour,
            libelle=libelle,
            version_validee=version is not None and version.est_validee,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.cible_permise()
        limite = services.taille_max()
        try:
            annonce = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            annonce = 0
        if annonce > limite + MARGE_FORMULAIRE:
            # Rien n'est lu : la requête entière dépasse ce qu'une pièce peut peser.
            erreur = services.message_taille(limite) + " Rien n'a été enregistré."
            contexte = self.get_context_data(
                form=PieceForm(taille_max=limite), erreur_requete=erreur
            )
            return self.render_to_response(contexte, status=413)
        # La limite est posée avant toute lecture du corps de la requête, donc avant la
        # vérification CSRF (qui lit le formulaire) : voir la documentation de Django sur les
        # gestionnaires de téléversement.
        self.gestionnaire = TailleLimiteeUploadHandler(request, limite)
        request.upload_handlers.insert(0, self.gestionnaire)
        return self._deposer(request, *args, **kwargs)

    @method_decorator(csrf_protect)
    def _deposer(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


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
        try:
            fichier = piece.fichier.open("rb")
        except FileNotFoundError:
            logger.error("Pièce justificative %s : fichier absent du stockage", piece.pk)
            messages.error(
                request,
                f"Le fichier de « {piece.nom_fichier} » est introuvable dans le stockage : "
                "joignez-le de nouveau ou prévenez l'administrateur.",
            )
            return redirect(_page_de(piece))
        reponse = FileResponse(
            fichier,
            as_attachment=True,
            filename=piece.nom_fichier,
            content_type=piece.type_mime,
        )
        reponse["X-Content-Type-Options"] = "nosniff"
        reponse["Cache-Control"] = "private, no-store"
        reponse["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return reponse


class SupprimerView(SuppressionView):
    """Confirmation (GET) puis suppression (POST)."""

    permission = staticmethod(peut_contribuer)
    template_name = "strategie_nr/pieces/supprimer.html"
    message = "La pièce « {objet.nom_fichier} » est supprimée."

    def objet(self):
        piece = _piece_de(self.collectivite, self.kwargs["pk"])
        if not piece.conservee and not peut_supprimer_piece(self.membre, piece):
            raise PermissionDenied("Votre rôle ne permet pas de supprimer cette pièce.")
        return piece

    def supprimer(self, piece) -> None:
        services.piece_supprimer(piece=piece, auteur=self.membre)

    def succes(self, piece) -> str:
        return _page_de(piece)

    def get_context_data(self, **kwargs):
        contexte = super().get_context_data(**kwargs)
        contexte.update(piece=contexte["objet"], retour=_page_de(contexte["objet"]))
        return contexte
