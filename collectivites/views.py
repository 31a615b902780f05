from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView, PasswordResetView
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from strategie_nr.plateforme.selectors import historique_des_types

from . import perms, services
from .edition import EditionView, SuppressionView, erreur_en_texte
from .forms import (
    AccepterInvitationForm,
    ConnexionForm,
    EffectifsForm,
    FonctionForm,
    InvitationForm,
    ProfilForm,
    ReinitialisationForm,
    RoleForm,
    ServiceForm,
    erreurs_vers_formulaire,
)
from .middleware import CLE_SESSION
from .models import Invitation, Membre, Service, Utilisateur
from .selectors import comptes_bloques, invitations_en_attente, membres_de


class ConnexionView(LoginView):
    form_class = ConnexionForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class ReinitialisationView(PasswordResetView):
    form_class = ReinitialisationForm
    email_template_name = "registration/email_reinitialisation.txt"
    subject_template_name = "registration/sujet_reinitialisation.txt"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class ChoisirCollectiviteView(View):
    """Change la collectivité courante parmi celles dont l'utilisateur est membre."""

    def post(self, request):
        try:
            collectivite_id = int(request.POST.get("collectivite", ""))
        except ValueError:
            raise Http404("Collectivité inconnue.") from None
        membre = next((m for m in request.adhesions if m.collectivite_id == collectivite_id), None)
        if membre is None:
            raise Http404("Collectivité inconnue.")
        request.session[CLE_SESSION] = collectivite_id
        messages.success(request, f"Vous travaillez maintenant pour : {membre.collectivite}.")
        suivant = request.POST.get("suivant", "")
        if not url_has_allowed_host_and_scheme(suivant, allowed_hosts={request.get_host()}):
            suivant = reverse("tableau_de_bord")
        return HttpResponseRedirect(suivant)


class ProfilView(View):
    template_name = "collectivites/profil.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ProfilForm(instance=request.user)})

    def post(self, request):
        form = ProfilForm(request.POST, instance=request.user)
        if form.is_valid():
            try:
                services.utilisateur_modifier_profil(
                    utilisateur=request.user,
                    prenom=form.cleaned_data["first_name"],
                    nom=form.cleaned_data["last_name"],
                    recevoir_rappels=form.cleaned_data["recevoir_rappels"],
                )
            except ValidationError as erreur:
                erreurs_vers_formulaire(form, erreur)
            else:
                messages.success(request, "Votre profil est enregistré.")
                return redirect("collectivites:profil")
        # Le formulaire a écrit la saisie refusée dans le compte : la barre montre l'enregistré.
        request.user.refresh_from_db()
        return render(request, self.template_name, {"form": form}, status=400)


class CollectiviteView(EditionView):
    """Tous les membres lisent la fiche de la collectivité ; le référent la modifie."""

    template_name = "collectivites/collectivite.html"
    message = "Les informations de la collectivité sont enregistrées."

    def peut_modifier(self) -> bool:
        return perms.peut_modifier_collectivite(self.membre)

    def formulaire(self, donnees=None):
        if donnees is None and not self.peut_modifier():
            return None
        return EffectifsForm(donnees, instance=self.collectivite)

    def enregistrer(self, form):
        return services.collectivite_modifier_effectifs(
            collectivite=self.collectivite,
            population=form.cleaned_data["population"],
            nombre_agents=form.cleaned_data["nombre_agents"],
            siret=form.cleaned_data["siret"],
            lancement_officiel_le=form.cleaned_data["lancement_officiel_le"],
            auteur=self.membre,
        )

    def succes(self, collectivite) -> str:
        return reverse("collectivites:profil_collectivite")

    def post(self, request, *args, **kwargs):
        if not self.peut_modifier():
            raise perms.PermissionDenied
        return super().post(request, *args, **kwargs)

    def refuser(self, form, status=400):
        # Le formulaire a écrit la saisie refusée dans l'objet : la page montre l'enregistré.
        self.collectivite.refresh_from_db()
        return super().refuser(form, status)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            peut_modifier=self.peut_modifier(),
            historique=historique_des_types(self.collectivite, "collectivites.collectivite"),
            **kwargs,
        )


class MembresView(EditionView):
    permission = staticmethod(perms.peut_gerer_membres)
    template_name = "collectivites/membres.html"
    message = "Invitation créée pour {objet.email} : le courriel part dans un instant."

    def formulaire(self, donnees=None):
        return InvitationForm(donnees)

    def enregistrer(self, form):
        return services.invitation_creer(
            collectivite=self.collectivite,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            fonction=form.cleaned_data["fonction"],
            invite_par=self.request.user,
            url_base=self.request.build_absolute_uri("/"),
        )

    def succes(self, invitation) -> str:
        return reverse("collectivites:membres")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            membres=membres_de(self.collectivite),
            invitations=invitations_en_attente(self.collectivite),
            bloques=comptes_bloques(self.collectivite),
            roles=RoleForm.base_fields["role"].choices,
            historique=historique_des_types(self.collectivite, "collectivites.membre"),
            **kwargs,
        )


class MembreRoleView(perms.MembreRequisMixin, View):
    permission = staticmethod(perms.peut_gerer_membres)

    def post(self, request, pk):
        cible = get_object_or_404(Membre.objects.for_collectivite(self.collectivite), pk=pk)
        form = RoleForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choisissez un rôle dans la liste.")
            return redirect("collectivites:membres")
        try:
            services.membre_changer_role(
                membre=cible, role=form.cleaned_data["role"], auteur=self.membre
            )
        except ValidationError as erreur:
            messages.error(request, erreur_en_texte(erreur))
        else:
            messages.success(request, f"Rôle de {cible.utilisateur} modifié.")
        return redirect("collectivites:membres")


class MembreFonctionView(perms.MembreRequisMixin, View):
    permission = staticmethod(perms.peut_gerer_membres)

    def post(self, request, pk):
        cible = get_object_or_404(Membre.objects.for_collectivite(self.collectivite), pk=pk)
        form = FonctionForm(request.POST)
        if not form.is_valid():
            messages.error(request, "La fonction tient en 200 caractères au plus.")
            return redirect("collectivites:membres")
        services.membre_modifier_fonction(
            membre=cible, fonction=form.cleaned_data["fonction"], auteur=self.membre
        )
        messages.success(request, f"Fonction de {cible.utilisateur} modifiée.")
        return redirect("collectivites:membres")


class MembreActiviteView(perms.MembreRequisMixin, View):
    """Désactiver demande confirmation sur sa propre page (GET) ; réactiver se fait d'un clic."""

    permission = staticmethod(perms.peut_gerer_membres)

    def get(self, request, pk):
        cible = get_object_or_404(
            Membre.objects.for_collectivite(self.collectivite).select_related("utilisateur"), pk=pk
        )
        return render(request, "collectivites/membre_desactiver.html", {"cible": cible})

    def post(self, request, pk):
        cible = get_object_or_404(Membre.objects.for_collectivite(self.collectivite), pk=pk)
        actif = request.POST.get("actif") == "1"
        try:
            services.membre_changer_activite(membre=cible, actif=actif, auteur=self.membre)
        except ValidationError as erreur:
            messages.error(request, erreur_en_texte(erreur))
        else:
            etat = "réactivé" if actif else "désactivé"
            messages.success(request, f"Compte de {cible.utilisateur} {etat} pour la collectivité.")
        return redirect("collectivites:membres")


class MembreDebloquerView(perms.MembreRequisMixin, View):
    """Le référent débloque la connexion d'un membre bloqué après trop d'échecs."""

    permission = staticmethod(perms.peut_gerer_membres)

    def post(self, request, pk):
        cible = get_object_or_404(
            Membre.objects.for_collectivite(self.collectivite).select_related("utilisateur"), pk=pk
        )
        services.membre_debloquer(membre=cible)
        messages.success(request, f"{cible.utilisateur} peut de nouveau se connecter.")
        return redirect("collectivites:membres")


class InvitationAnnulerView(perms.MembreRequisMixin, View):
    permission = staticmethod(perms.peut_gerer_membres)

    def post(self, request, pk):
        invitation = get_object_or_404(
            Invitation.objects.for_collectivite(self.collectivite), pk=pk
        )
        services.invitation_annuler(invitation=invitation)
        messages.success(request, f"Invitation de {invitation.email} annulée.")
        return redirect("collectivites:membres")


class InvitationRenvoyerView(perms.MembreRequisMixin, View):
    permission = staticmethod(perms.peut_gerer_membres)

    def post(self, request, pk):
        invitation = get_object_or_404(
            Invitation.objects.for_collectivite(self.collectivite), pk=pk
        )
        try:
            services.invitation_renvoyer(
                invitation=invitation, url_base=request.build_absolute_uri("/")
            )
        except ValidationError as erreur:
            messages.error(request, erreur_en_texte(erreur))
        else:
            messages.success(
                request, f"Invitation renvoyée à {invitation.email} avec un nouveau lien."
            )
        return redirect("collectivites:membres")


@method_decorator(login_not_required, name="dispatch")
class AccepterInvitationView(TemplateView):
    """Lien reçu par e-mail : la personne crée son compte (ou se connecte) et rejoint."""

    template_name = "collectivites/invitation.html"

    def dispatch(self, request, jeton):
        self.invitation = services.invitation_trouver(jeton)
        if self.invitation is None:
            raise Http404("Invitation inconnue.")
        return super().dispatch(request, jeton)

    def contexte(self, form=None):
        invitation = self.invitation
        compte_existant = invitation.utilisable and _compte_existe(invitation.email)
        if form is None and not compte_existant and invitation.utilisable:
            form = AccepterInvitationForm(email=invitation.email)
        return {
            "invitation": invitation,
            "erreur": "",
            "form": form,
            "compte_existant": compte_existant,
            "bon_compte": self.request.user.is_authenticated
            and self.request.user.email.lower() == invitation.email.lower(),
        }

    def get(self, request, jeton):
        return render(request, self.template_name, self.contexte())

    def post(self, request, jeton):
        invitation = self.invitation
        if not invitation.utilisable:
            return render(request, self.template_name, self.contexte(), status=410)
        try:
            if request.user.is_authenticated and _compte_existe(invitation.email):
                membre = services.invitation_accepter(
                    invitation=invitation, utilisateur=request.user
                )
            else:
                form = AccepterInvitationForm(request.POST, email=invitation.email)
                if not form.is_valid():
                    return render(request, self.template_name, self.contexte(form), status=400)
                membre = services.invitation_accepter(
                    invitation=invitation,
                    prenom=form.cleaned_data["prenom"],
                    nom=form.cleaned_data["nom"],
                    mot_de_passe=form.cleaned_data["mot_de_passe"],
                )
                login(
                    request, membre.utilisateur, backend="django.contrib.auth.backends.ModelBackend"
                )
        except ValidationError as erreur:
            contexte = self.contexte()
            contexte["erreur"] = erreur_en_texte(erreur)
            return render(request, self.template_name, contexte, status=400)
        request.session[CLE_SESSION] = membre.collectivite_id
        messages.success(request, f"Bienvenue ! Vous avez rejoint {membre.collectivite}.")
        return redirect("tableau_de_bord")


def _compte_existe(email: str) -> bool:
    return Utilisateur.objects.filter(email__iexact=email).exists()


class ServicesView(EditionView):
    """La liste des services de la collectivité : tous la lisent, le référent la tient."""

    template_name = "collectivites/services.html"
    message = "Le service « {objet.nom} » est ajouté."

    def peut_modifier(self) -> bool:
        return perms.peut_modifier_collectivite(self.membre)

    def formulaire(self, donnees=None):
        if donnees is None and not self.peut_modifier():
            return None
        return ServiceForm(donnees)

    def enregistrer(self, form):
        return services.service_creer(
            collectivite=self.collectivite, nom=form.cleaned_data["nom"], auteur=self.membre
        )

    def succes(self, service) -> str:
        return reverse("collectivites:services")

    def post(self, request, *args, **kwargs):
        if not self.peut_modifier():
            raise perms.PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            services=Service.objects.for_collectivite(self.collectivite),
            peut_modifier=self.peut_modifier(),
            historique=historique_des_types(self.collectivite, "collectivites.service"),
            **kwargs,
        )


class ServiceSupprimerView(SuppressionView):
    permission = staticmethod(perms.peut_modifier_collectivite)
    template_name = "collectivites/service_supprimer.html"
    message = "Le service « {objet.nom} » est retiré de la liste."

    def objet(self):
        return get_object_or_404(
            Service.objects.for_collectivite(self.collectivite), pk=self.kwargs["pk"]
        )

    def supprimer(self, service) -> None:
        services.service_supprimer(service=service, auteur=self.membre)

    def succes(self, service) -> str:
        return reverse("collectivites:services")
