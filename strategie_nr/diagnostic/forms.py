from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone

from strategie_nr.referentiel.enums import Barometre

from .models import Campagne
from .services import Saisie

NON_CONCERNE = "nc"
CHOIX_NIVEAU = [
    *[(str(choix.value), f"{choix.value} — {choix.label}") for choix in Barometre],
    (NON_CONCERNE, "Non concerné"),
]


class CampagneForm(forms.ModelForm):
    class Meta:
        model = Campagne
        fields = ["titre", "date"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"titre": "Par exemple « Diagnostic initial » ou « Réévaluation 2026 »."}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("submit", "Ouvrir la campagne"))


def _valeur_initiale(reponse) -> str:
    if reponse is None:
        return ""
    if reponse.non_concerne:
        return NON_CONCERNE
    return "" if reponse.niveau is None else str(reponse.niveau)


class GrilleForm(forms.Form):
    """Un niveau et un commentaire par question ; tout est facultatif (réponse partielle)."""

    avec_raison = False

    def __init__(self, *args, questions, reponses: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            reponse = reponses.get(question.pk)
            self.fields[f"niveau_{question.pk}"] = forms.ChoiceField(
                label=f"{question.code}. {question.intitule}",
                choices=CHOIX_NIVEAU,
                required=False,
                widget=forms.RadioSelect,
                initial=_valeur_initiale(reponse),
            )
            self.fields[f"commentaire_{question.pk}"] = forms.CharField(
                label=(
                    f"Commentaire sur la question {question.code} "
                    "(ce qui existe, freins, possibilités)"
                ),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=reponse.commentaire if reponse else "",
            )
            if self.avec_raison:
                self.fields[f"raison_{question.pk}"] = forms.CharField(
                    label=f"Raison de l'écart avec la moyenne (question {question.code})",
                    required=False,
                    max_length=2000,
                    initial=reponse.raison if reponse else "",
                )

    def lignes(self):
        """(question, champ niveau, champ commentaire, champ raison ou None) dans l'ordre."""
        for question in self.questions:
            yield (
                question,
                self[f"niveau_{question.pk}"],
                self[f"commentaire_{question.pk}"],
                self[f"raison_{question.pk}"] if self.avec_raison else None,
            )

    def saisies(self) -> list[Saisie]:
        resultat = []
        for question in self.questions:
            choix = self.cleaned_data.get(f"niveau_{question.pk}") or ""
            resultat.append(
                Saisie(
                    question=question,
                    niveau=int(choix) if choix and choix != NON_CONCERNE else None,
                    non_concerne=choix == NON_CONCERNE,
                    commentaire=self.cleaned_data.get(f"commentaire_{question.pk}", ""),
                    raison=self.cleaned_data.get(f"raison_{question.pk}", ""),
                )
            )
        return resultat


class ConsolidationForm(GrilleForm):
    avec_raison = True


class ReouvertureForm(forms.Form):
    raison = forms.CharField(
        label="Raison de la réouverture",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Elle reste dans l'historique de la campagne.",
        error_messages={"required": "Indiquez la raison de la réouverture."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.attrs = {"novalidate": ""}
