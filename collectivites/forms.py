from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError

from .courriels import courriel_envoyer, texte_brut
from .enums import Role
from .models import Collectivite, Utilisateur
from .securite import adresse_client, reinitialisation_autorisee


def erreurs_vers_formulaire(form, erreur: ValidationError) -> None:
    """Rattache les erreurs d'un service aux champs du formulaire qu'elles nomment, les autres
    (ou une erreur sans champ) au formulaire entier."""
    if hasattr(erreur, "error_dict"):
        for champ, liste in erreur.message_dict.items():
            form.add_error(champ if champ in form.fields else None, liste)
    else:
        form.add_error(None, erreur.messages)


class ChoixMembre(forms.ModelChoiceField):
    """Choix d'un membre de la collectivité, nommé sans requête de plus par option."""

    def label_from_instance(self, membre):
        return membre.nom_dans_la_collectivite


def _helper(libelle: str) -> FormHelper:
    helper = FormHelper()
    # Les erreurs viennent du serveur, en français et liées au champ, pas du navigateur.
    helper.attrs = {"novalidate": ""}
    helper.add_input(Submit("submit", libelle))
    return helper


class ConnexionForm(AuthenticationForm):
    username = forms.EmailField(
        label="Adresse e-mail", widget=forms.EmailInput(attrs={"autofocus": True})
    )

    error_messages = {
        "invalid_login": "Adresse e-mail ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Mot de passe"
        self.helper = _helper("Se connecter")


class ReinitialisationForm(PasswordResetForm):
    """Mot de passe oublié : demandes limitées par adresse e-mail et par client ; le courriel,
    en texte brut, part par la file des tâches."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_email(self):
        email = self.cleaned_data["email"]
        adresse = adresse_client(self.request) if self.request else ""
        if not reinitialisation_autorisee(email=email, adresse=adresse):
            raise forms.ValidationError(
                "Trop de demandes de réinitialisation depuis une heure : réessayez plus tard. "
                "Si vous avez déjà reçu un lien, il reste valable un jour."
            )
        return email

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        courriel_envoyer(
            sujet=texte_brut(subject_template_name, context),
            gabarit=email_template_name,
            contexte=context,
            destinataires=[to_email],
        )


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Adresse e-mail de la personne invitée")
    role = forms.ChoiceField(label="Rôle", choices=Role.choices, initial=Role.AGENT)
    fonction = forms.CharField(
        label="Fonction",
        max_length=200,
        help_text="Par exemple : DSI, achats, formation, élue au numérique.",
        error_messages={"required": "Indiquez la fonction de la personne invitée."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Envoyer l'invitation")


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Rôle", choices=Role.choices)


class ServiceForm(forms.Form):
    nom = forms.CharField(label="Nom du service", max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Ajouter le service")


class FonctionForm(forms.Form):
    fonction = forms.CharField(label="Fonction", max_length=200, required=False)


class AccepterInvitationForm(forms.Form):
    """Création du compte de la personne invitée."""

    prenom = forms.CharField(label="Prénom", max_length=150)
    nom = forms.CharField(label="Nom", max_length=150)
    mot_de_passe = forms.CharField(
        label="Mot de passe",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    mot_de_passe_confirmation = forms.CharField(
        label="Confirmation du mot de passe",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.helper = _helper("Créer mon compte et rejoindre la collectivité")

    def clean(self):
        cleaned = super().clean()
        mdp, confirmation = cleaned.get("mot_de_passe"), cleaned.get("mot_de_passe_confirmation")
        if mdp and confirmation and mdp != confirmation:
            self.add_error("mot_de_passe_confirmation", "Les deux mots de passe diffèrent.")
        elif mdp:
            utilisateur = Utilisateur(
                email=self.email,
                first_name=cleaned.get("prenom", ""),
                last_name=cleaned.get("nom", ""),
            )
            try:
                password_validation.validate_password(mdp, utilisateur)
            except forms.ValidationError as erreur:
                self.add_error("mot_de_passe", erreur)
        return cleaned


class ProfilForm(forms.ModelForm):
    class Meta:
        model = Utilisateur
        fields = ["first_name", "last_name", "recevoir_rappels"]
        labels = {"first_name": "Prénom", "last_name": "Nom"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.helper = _helper("Enregistrer")


class EffectifsForm(forms.ModelForm):
    siret = forms.CharField(
        label="SIRET",
        required=False,
        max_length=20,
        help_text="14 chiffres (espaces acceptés) : demandé par la déclaration annuelle AGEC.",
    )

    class Meta:
        model = Collectivite
        fields = ["population", "nombre_agents", "siret", "lancement_officiel_le"]
        widgets = {
            "lancement_officiel_le": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        }

    def clean_siret(self):
        return "".join(self.cleaned_data["siret"].split())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Enregistrer")
