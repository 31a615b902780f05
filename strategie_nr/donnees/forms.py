from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms


class PublicationForm(forms.Form):
    indicateurs = forms.BooleanField(
        label="Publier les indicateurs et leurs valeurs annuelles",
        required=False,
        help_text="Chaque indicateur suivi, son unité, ses cibles et la valeur retenue des "
        "années closes (calculée depuis l'inventaire ou déclarée) ; jamais les commentaires, "
        "les sources saisies ni les responsables.",
    )
    strategie = forms.BooleanField(
        label="Publier la stratégie validée (PDF officiel)",
        required=False,
        help_text="Le document enregistré à la validation de la dernière version de la feuille "
        "de route ; rien n'est publié tant qu'aucune version n'est validée.",
    )
    declaration_agec = forms.BooleanField(
        label="Publier la déclaration annuelle AGEC",
        required=False,
        help_text="Le fichier au schéma national (arrêté du 13 janvier 2025) des années closes, "
        "tiré de l'inventaire du parc ; il demande le SIRET de la collectivité.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Fieldset(
                "Ce que tout le monde peut consulter et télécharger",
                "indicateurs",
                "strategie",
                "declaration_agec",
            )
        )
        self.helper.add_input(Submit("submit", "Enregistrer les choix de publication"))
