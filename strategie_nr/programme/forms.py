from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from .enums import NaturePartiePrenante
from .models import ActionEngagee, BilanImpact, PartiePrenante


def _helper(libelle: str) -> FormHelper:
    helper = FormHelper()
    # Les erreurs viennent du serveur, en français et liées au champ, pas du navigateur.
    helper.attrs = {"novalidate": "", "data-garder-saisie": ""}
    helper.add_input(Submit("submit", libelle))
    return helper


class PartiePrenanteForm(forms.ModelForm):
    class Meta:
        model = PartiePrenante
        fields = ["nom", "nature", "label_qualirepar", "role", "contact"]
        widgets = {"role": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Enregistrer")

    def clean(self):
        donnees = super().clean()
        if donnees.get("label_qualirepar") and donnees.get("nature") not in (
            None,
            NaturePartiePrenante.REPARATEUR,
        ):
            self.add_error(
                "label_qualirepar",
                "Seul un réparateur peut être labellisé QualiRépar : choisissez la nature "
                "« Réparateur » ou décochez le label.",
            )
        return donnees


class BilanImpactForm(forms.ModelForm):
    class Meta:
        model = BilanImpact
        fields = BilanImpact.RUBRIQUES
        widgets = {nom: forms.Textarea(attrs={"rows": 5}) for nom in BilanImpact.RUBRIQUES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Enregistrer le bilan")


class ActionEngageeForm(forms.ModelForm):
    class Meta:
        model = ActionEngagee
        fields = ["axe", "titre", "description", "depuis", "resultats"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "resultats": forms.Textarea(attrs={"rows": 3}),
            "depuis": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axe"].empty_label = "Choisir un axe"
        self.fields["depuis"].error_messages["invalid"] = (
            "Saisissez une année en chiffres, par exemple 2021."
        )
        self.helper = _helper("Enregistrer")


class FiltrePartiesPrenantesForm(forms.Form):
    """Filtres de la liste (GET) : une valeur inconnue est ignorée, jamais une erreur 500."""

    texte = forms.CharField(label="Rechercher", required=False, max_length=100)
    nature = forms.ChoiceField(
        label="Nature",
        required=False,
        choices=[("", "Toutes les natures"), *NaturePartiePrenante.choices],
    )
    qualirepar = forms.BooleanField(label="Labellisés QualiRépar seulement", required=False)

    def filtres(self) -> dict:
        if not self.is_valid():
            return {"texte": "", "nature": "", "qualirepar": False}
        return self.cleaned_data
