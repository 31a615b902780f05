from django import forms

from .enums import Difficulte, Priorite
from .models import Famille


class FiltrePratiquesForm(forms.Form):
    famille = forms.ChoiceField(label="Famille", required=False)
    priorite = forms.ChoiceField(
        label="Priorité", required=False, choices=[("", "Toutes")] + Priorite.choices
    )
    difficulte = forms.ChoiceField(
        label="Difficulté", required=False, choices=[("", "Toutes")] + Difficulte.choices
    )

    def __init__(self, *args, familles=None, **kwargs):
        super().__init__(*args, **kwargs)
        familles = familles if familles is not None else Famille.objects.all()
        self.fields["famille"].choices = [("", "Toutes")] + [
            (f.code, f"{f.code} {f.titre}") for f in familles
        ]
