import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone

from collectivites.selectors import noms_des_services
from indicateurs.nombres import NombreInvalide, lire_nombre

from .enums import AVEC_BENEFICIAIRE, Destination, Origine, Statut
from .models import ANNEE_MIN, Equipement, TypeEquipement
from .selectors import services_de


def _helper(libelle: str) -> FormHelper:
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
    helper.add_input(Submit("submit", libelle))
    return helper


class MontantField(forms.CharField):
    """Un nombre positif tapé à la française (« 1 234,50 », « 2,5 kg »)."""

    def __init__(self, *args, decimales=2, maximum=10**9, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("maxlength", 30)
        self.decimales, self.maximum = decimales, maximum

    def to_python(self, value):
        texte = super().to_python(value)
        if not texte:
            return None
        if len(texte) > 30:
            raise forms.ValidationError("Ce nombre est trop long.")
        try:
            nombre = lire_nombre(texte)
        except NombreInvalide as erreur:
            raise forms.ValidationError(str(erreur)) from erreur
        if nombre < 0:
            raise forms.ValidationError("Ce nombre ne peut pas être négatif.")
        if nombre >= self.maximum:
            raise forms.ValidationError("Ce nombre est trop grand.")
        return round(nombre, self.decimales)

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return f"{value.normalize():f}".replace(".", ",")


class FiltreForm(forms.Form):
    q = forms.CharField(label="Rechercher", required=False, max_length=100)
    type = forms.ChoiceField(label="Type", required=False)
    statut = forms.ChoiceField(
        label="Statut", required=False, choices=[("", "Tous"), *Statut.choices]
    )
    origine = forms.ChoiceField(
        label="Origine", required=False, choices=[("", "Toutes"), *Origine.choices]
    )
    service = forms.ChoiceField(label="Service", required=False)
    a_completer = forms.BooleanField(
        label="À compléter (réformés sans destination ou sans date de fin)", required=False
    )
    age = forms.ChoiceField(
        label="Âge",
        required=False,
        choices=[
            ("", "Tous"),
            ("0-2", "0 à 2 ans"),
            ("3-5", "3 à 5 ans"),
            ("6-8", "6 à 8 ans"),
            ("9+", "9 ans et plus"),
        ],
    )
    tri = forms.ChoiceField(
        label="Trier par",
        required=False,
        choices=[
            ("type", "Type"),
            ("-annee", "Plus récents d'abord"),
            ("annee", "Plus anciens d'abord"),
            ("marque", "Marque et modèle"),
            ("service", "Service"),
            ("statut", "Statut"),
        ],
    )

    def __init__(self, *args, collectivite, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [
            ("", "Tous"),
            *TypeEquipement.objects.values_list("code", "libelle"),
        ]
        self.fields["service"].choices = [
            ("", "Tous"),
            *((s, s) for s in services_de(collectivite)),
        ]

    def filtres(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {cle: valeur for cle, valeur in self.cleaned_data.items() if valeur}


class EquipementForm(forms.ModelForm):
    lu_le = forms.CharField(widget=forms.HiddenInput, required=False)
    prix_achat_ht = MontantField(label="Prix d'achat unitaire HT (€)", required=False)
    poids_kg = MontantField(
        label="Poids unitaire (kg)", required=False, help_text="Vide : le poids par défaut du type."
    )

    class Meta:
        model = Equipement
        fields = [
            "type",
            "nom",
            "marque",
            "modele",
            "numero_serie",
            "numero_inventaire",
            "quantite",
            "annee_acquisition",
            "date_acquisition",
            "prix_achat_ht",
            "origine",
            "statut",
            "service",
            "site",
            "mutualise",
            "poids_kg",
            "matieres_recyclees",
            "informations_securisees",
        ]
        widgets = {"date_acquisition": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "annee_acquisition": "Une année seule suffit si la date exacte n'est pas connue.",
            "quantite": "Un lot identique tient en une ligne : « 30 claviers ».",
        }
        error_messages = {
            "annee_acquisition": {"invalid": "Saisissez une année, par exemple 2021."},
            "quantite": {"invalid": "Saisissez un nombre entier, par exemple 30."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_acquisition"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        self.fields["date_acquisition"].error_messages["invalid"] = (
            "Saisissez une date, par exemple 31/12/2023."
        )
        self.fields["quantite"].validators.append(
            MinValueValidator(1, "La quantité doit être supérieure ou égale à 1.")
        )
        self.fields["quantite"].widget.attrs["min"] = 1
        if self.instance.statut != Statut.REFORME:
            self.fields["statut"].choices = [c for c in Statut.choices if c[0] != Statut.REFORME]
            self.fields[
                "statut"
            ].help_text = "Pour sortir un équipement du parc, utilisez « Réformer »."
        else:
            self.fields["statut"].disabled = True
        noms = noms_des_services(self.instance.collectivite)
        actuel = self.instance.service
        hors_liste = [(actuel, f"{actuel} (hors de la liste)")] if actuel not in noms else []
        self.fields["service"] = forms.ChoiceField(
            label="Service",
            required=False,
            choices=[("", "— aucun —"), *((n, n) for n in noms), *(hors_liste if actuel else [])],
            help_text="La liste des services est tenue par le référent (page « Collectivité »).",
        )
        if self.instance.pk:
            self.initial["lu_le"] = self.instance.modifie_le.isoformat()
        self.helper = _helper("Enregistrer")
        self.helper.attrs["data-garder-saisie"] = ""

    def clean_lu_le(self):
        """La date de modification de l'équipement lue à l'ouverture du formulaire."""
        if not self.instance.pk:
            return None
        try:
            return datetime.datetime.fromisoformat(self.cleaned_data.get("lu_le") or "")
        except ValueError:
            # Champ caché : l'erreur va au formulaire entier, pour être vue.
            self.add_error(None, "Le formulaire est incomplet : rouvrez la page de modification.")
            return None

    def clean_annee_acquisition(self):
        annee = self.cleaned_data.get("annee_acquisition")
        if annee is not None and not (ANNEE_MIN <= annee <= timezone.localdate().year + 1):
            raise forms.ValidationError(
                f"L'année doit être comprise entre {ANNEE_MIN} et l'an prochain."
            )
        return annee

    def clean(self):
        donnees = super().clean()
        sans_date = not donnees.get("annee_acquisition") and not donnees.get("date_acquisition")
        erreurs = "annee_acquisition" in self.errors or "date_acquisition" in self.errors
        if sans_date and not erreurs:
            self.add_error("annee_acquisition", "Indiquez au moins l'année d'acquisition.")
        return donnees


class ReformeForm(forms.Form):
    """Décision de réforme et, si elle est déjà connue, sortie du parc (date et destination)."""

    date_reforme = forms.DateField(
        label="Date de la décision de réforme",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        required=False,
        help_text="Vide : la date de sortie.",
        error_messages={"invalid": "Saisissez une date, par exemple 31/12/2025."},
    )
    date_fin_usage = forms.DateField(
        label="Date de sortie du parc",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text="Vide : réformé, en attente de sortie.",
        error_messages={"invalid": "Saisissez une date, par exemple 31/12/2025."},
    )
    destination = forms.ChoiceField(
        label="Destination",
        required=False,
        choices=[
            ("", "—"),
            *(c for c in Destination.choices if c[0] != Destination.NON_RENSEIGNEE),
        ],
    )
    beneficiaire = forms.CharField(
        label="Bénéficiaire",
        required=False,
        max_length=200,
        help_text="Don, vente ou cession : association, établissement, CCAS, acheteur…",
    )
    engagement_reemploi = forms.BooleanField(
        label="Le preneur s'engage à réemployer ou réutiliser le matériel",
        required=False,
        help_text="Sans cet engagement, la sortie ne compte pas dans le taux de réemploi "
        "(décret n° 2023-266 du 12 avril 2023, art. 2).",
    )
    preuve_engagement = forms.CharField(
        label="Référence de la preuve de l'engagement",
        required=False,
        max_length=200,
        help_text="Convention, bon d'enlèvement, attestation…",
    )

    def __init__(self, *args, equipement, **kwargs):
        if equipement.statut == Statut.REFORME:
            initial = {"date_reforme": equipement.date_reforme}
        else:
            initial = {"date_reforme": timezone.localdate()}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.equipement = equipement
        if equipement.statut == Statut.REFORME and equipement.date_reforme:
            self.fields["date_reforme"].disabled = True
            self.fields["date_fin_usage"].required = True
            self.fields["destination"].required = True
        self.helper = _helper(
            "Enregistrer la sortie"
            if equipement.statut == Statut.REFORME
            else "Réformer l'équipement"
        )

    def clean(self):
        donnees = super().clean()
        aujourdhui = timezone.localdate()
        acquisition = self.equipement.date_acquisition
        annee = self.equipement.annee_acquisition
        for champ in ("date_reforme", "date_fin_usage"):
            date = donnees.get(champ)
            if date and date > aujourdhui:
                self.add_error(champ, "Cette date ne peut pas être dans le futur.")
            elif date and ((acquisition and date < acquisition) or (annee and date.year < annee)):
                self.add_error(champ, "Cette date ne peut pas précéder l'acquisition.")
        reforme, fin = donnees.get("date_reforme"), donnees.get("date_fin_usage")
        if not reforme and not fin and "date_reforme" not in self.errors:
            self.add_error("date_reforme", "Indiquez la date de la décision de réforme.")
        if reforme and fin and fin < reforme:
            self.add_error("date_fin_usage", "La sortie ne peut pas précéder la réforme.")
        destination = donnees.get("destination")
        if fin and not destination:
            self.add_error("destination", "Indiquez la destination de la sortie.")
        if destination and not fin and "date_fin_usage" not in self.errors:
            self.add_error("date_fin_usage", "Indiquez la date de sortie.")
        if destination in AVEC_BENEFICIAIRE and not donnees.get("beneficiaire", "").strip():
            self.add_error("beneficiaire", "Indiquez le bénéficiaire, pour la traçabilité.")
        if donnees.get("engagement_reemploi"):
            if not destination:
                self.add_error(
                    "engagement_reemploi", "Un engagement de réemploi accompagne une sortie."
                )
            elif not donnees.get("preuve_engagement", "").strip():
                self.add_error(
                    "preuve_engagement", "Indiquez la référence de la preuve de l'engagement."
                )
        return donnees
