import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from .enums import NaturePiece
from .fichiers import ACCEPT, FORMATS_ACCEPTES, taille_lisible


class PieceForm(forms.Form):
    fichier = forms.FileField(
        label="Fichier",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": "Choisissez le fichier à joindre."},
    )
    nature = forms.ChoiceField(label="Nature de la pièce", choices=NaturePiece.choices)
    description = forms.CharField(
        label="Description",
        max_length=300,
        required=False,
        help_text="Facultatif. Par exemple : délibération n° 2025-112 du 12 mars 2025.",
    )
    jeton = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, taille_max: int, taille_depassee: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.taille_depassee = taille_depassee
        self.message_taille = ""
        self.fields["fichier"].help_text = (
            f"{FORMATS_ACCEPTES} ; {taille_lisible(taille_max)} au plus. Le type est "
            "vérifié d'après le contenu du fichier, pas d'après son nom."
        )
        self.helper = FormHelper()
        # Les erreurs viennent du serveur, en français et liées au champ, pas du navigateur.
        self.helper.attrs = {"novalidate": ""}
        self.helper.form_tag = True
        self.helper.add_input(Submit("submit", "Joindre la pièce"))

    def clean(self):
        donnees = super().clean()
        if self.taille_depassee:
            # Abandonné à la réception parce que trop gros : il n'est pas « manquant ».
            self.errors.pop("fichier", None)
            self.add_error("fichier", self.message_taille)
        return donnees
