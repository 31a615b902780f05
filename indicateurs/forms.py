from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone

from collectivites.enums import Role
from collectivites.forms import ChoixMembre
from collectivites.models import Membre
from strategie_nr.referentiel.models import Axe

from .enums import Periodicite, Sens, Unite
from .models import DefinitionIndicateur, IndicateurSuivi, Objectif
from .nombres import NombreInvalide, lire_valeur, saisie
from .selectors import indicateurs_a_suivre

ANNEE_MIN, ANNEE_MAX = 2000, 2100


def _helper(libelle: str) -> FormHelper:
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
    helper.add_input(Submit("submit", libelle))
    return helper


class NombreField(forms.CharField):
    """Un nombre tapé à la française (« 1 234,5 », « 12 % ») ; vérifié selon l'unité par le
    formulaire, qui garde le texte tapé en cas d'erreur."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)


def _lire(form, champ: str, unite: str):
    texte = form.cleaned_data.get(champ)
    if texte in (None, ""):
        return None
    try:
        return lire_valeur(texte, unite)
    except NombreInvalide as erreur:
        form.add_error(champ, str(erreur))
        return None


def _annee(label: str, required=False, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=ANNEE_MIN,
        max_value=ANNEE_MAX,
        error_messages={
            "invalid": "Saisissez une année, par exemple 2024.",
            "min_value": f"L'année doit être {ANNEE_MIN} ou après.",
            "max_value": f"L'année doit être {ANNEE_MAX} ou avant.",
        },
        **kwargs,
    )


def membres_responsables(collectivite):
    return (
        Membre.objects.for_collectivite(collectivite)
        .actifs()
        .exclude(role=Role.ELU)
        .select_related("utilisateur")
        .order_by("utilisateur__last_name")
    )


class BaseMixin(forms.Form):
    """Situation de départ : année et valeur, ensemble ou pas du tout."""

    def _clean_base(self, unite: str):
        annee = self.cleaned_data.get("annee_base")
        valeur = _lire(self, "valeur_base", unite)
        texte = self.cleaned_data.get("valeur_base")
        if annee and texte in (None, ""):
            self.add_error("valeur_base", "Indiquez la valeur de l'année de référence.")
        elif texte and not annee and "valeur_base" not in self.errors:
            self.add_error("annee_base", "Indiquez l'année de la valeur de référence.")
        self.cleaned_data["valeur_base_nombre"] = valeur


class SuivreForm(BaseMixin):
    definition = forms.ModelChoiceField(
        label="Indicateur", queryset=DefinitionIndicateur.objects.none()
    )
    responsable = ChoixMembre(label="Responsable", queryset=Membre.objects.none())
    annee_base = _annee("Année de référence")
    valeur_base = NombreField(label="Valeur de référence", required=False)

    def __init__(self, *args, collectivite, recherche: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["definition"].queryset = indicateurs_a_suivre(collectivite, recherche)
        self.fields["definition"].label_from_instance = lambda d: (
            f"Axe {d.axe.numero} — {d.libelle[:140]} ({d.get_unite_display()}"
            + (", calculé" if d.code_calcul else "")
            + ")"
        )
        self.fields["responsable"].queryset = membres_responsables(collectivite)
        self.helper = _helper("Suivre cet indicateur")

    def clean(self):
        super().clean()
        definition = self.cleaned_data.get("definition")
        self._clean_base(definition.unite if definition else Unite.NOMBRE)
        return self.cleaned_data


class DefinitionForm(BaseMixin):
    axe = forms.ModelChoiceField(label="Axe REEN", queryset=Axe.objects.all())
    libelle = forms.CharField(label="Libellé", max_length=400)
    unite = forms.ChoiceField(label="Unité", choices=Unite.choices)
    sens = forms.ChoiceField(label="Sens", choices=Sens.choices)
    precision = forms.TypedChoiceField(
        label="Décimales affichées", choices=[(i, str(i)) for i in range(4)], coerce=int, initial=0
    )
    responsable = ChoixMembre(label="Responsable", queryset=Membre.objects.none())
    annee_base = _annee("Année de référence")
    valeur_base = NombreField(label="Valeur de référence", required=False)

    def __init__(self, *args, collectivite, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axe"].label_from_instance = lambda a: f"{a.numero}. {a.titre[:90]}"
        self.fields["responsable"].queryset = membres_responsables(collectivite)
        self.helper = _helper("Créer et suivre cet indicateur")

    def clean(self):
        super().clean()
        self._clean_base(self.cleaned_data.get("unite") or Unite.NOMBRE)
        return self.cleaned_data


class SuiviForm(BaseMixin):
    responsable = ChoixMembre(label="Responsable", queryset=Membre.objects.none())
    annee_base = _annee("Année de référence")
    valeur_base = NombreField(label="Valeur de référence", required=False)

    def __init__(self, *args, suivi, peut_changer_responsable: bool, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "responsable": suivi.responsable_id,
                "annee_base": suivi.annee_base,
                "valeur_base": saisie(suivi.valeur_base, suivi.definition.unite),
            },
        )
        super().__init__(*args, **kwargs)
        self.suivi = suivi
        self.fields["responsable"].queryset = membres_responsables(suivi.collectivite_id)
        if not peut_changer_responsable:
            self.fields["responsable"].disabled = True
            self.fields["responsable"].help_text = "Seul le référent change le responsable."
        self.helper = _helper("Enregistrer")

    def clean(self):
        super().clean()
        self._clean_base(self.suivi.definition.unite)
        return self.cleaned_data


class CiblesForm(forms.Form):
    """Une cible par année ; laisser vide supprime la cible de cette année."""

    def __init__(self, *args, suivi, cibles: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.suivi = suivi
        courante = timezone.localdate().year
        debut = min([suivi.annee_base or courante, *cibles.keys(), courante])
        self.annees = list(range(max(debut, courante - 5), max([courante + 5, *cibles.keys()]) + 1))
        for annee in self.annees:
            self.fields[f"cible_{annee}"] = NombreField(
                label=f"Cible {annee}",
                required=False,
                initial=saisie(cibles.get(annee), suivi.definition.unite),
            )
        self.helper = _helper("Enregistrer les cibles")

    def clean(self):
        super().clean()
        self.cleaned_data["cibles"] = {
            annee: _lire(self, f"cible_{annee}", self.suivi.definition.unite)
            for annee in self.annees
        }
        return self.cleaned_data


class ValeurForm(forms.Form):
    annee = _annee("Année", required=True)
    valeur = NombreField(label="Valeur mesurée")
    # L'année dont la valeur enregistrée a prérempli le formulaire : la modifier est voulu.
    annee_ouverte = forms.IntegerField(widget=forms.HiddenInput, required=False)
    remplacer = forms.BooleanField(
        label="Remplacer la valeur déjà enregistrée",
        required=False,
    )
    source = forms.CharField(
        label="Source", max_length=300, required=False, help_text="D'où vient ce chiffre."
    )
    commentaire = forms.CharField(
        label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, suivi, **kwargs):
        super().__init__(*args, **kwargs)
        self.suivi = suivi
        unite = suivi.definition.get_unite_display()
        self.fields["valeur"].help_text = (
            "« oui » ou « non »."
            if suivi.definition.unite == Unite.OUI_NON
            else f"En {unite} ; par exemple « 1 234,5 »."
        )
        self.helper = _helper("Enregistrer la valeur")

    def clean(self):
        super().clean()
        self.cleaned_data["valeur_nombre"] = _lire(self, "valeur", self.suivi.definition.unite)
        annee = self.cleaned_data.get("annee")
        self.cleaned_data["remplacer"] = self.cleaned_data.get("remplacer") or (
            annee is not None and annee == self.cleaned_data.get("annee_ouverte")
        )
        return self.cleaned_data


class ObjectifForm(forms.ModelForm):
    valeur_cible = NombreField(label="Valeur cible", required=False)

    class Meta:
        model = Objectif
        fields = ["axe", "enonce", "periodicite", "suivi", "annee_cible"]
        widgets = {"enonce": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"annee_cible": {"invalid": "Saisissez une année, par exemple 2027."}}

    def __init__(self, *args, collectivite, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axe"].label_from_instance = lambda a: f"{a.numero}. {a.titre[:90]}"
        self.fields["suivi"].queryset = (
            IndicateurSuivi.objects.for_collectivite(collectivite)
            .select_related("definition")
            .order_by("definition__libelle")
        )
        self.fields[
            "suivi"
        ].help_text = "Facultatif : un objectif sans indicateur reste une phrase."
        self.fields["periodicite"].choices = Periodicite.choices
        if self.instance.pk and self.instance.suivi_id:
            self.initial["valeur_cible"] = saisie(
                self.instance.valeur_cible, self.instance.suivi.definition.unite
            )
        self.helper = _helper("Enregistrer l'objectif")

    def clean(self):
        super().clean()
        suivi = self.cleaned_data.get("suivi")
        annee = self.cleaned_data.get("annee_cible")
        texte = self.cleaned_data.get("valeur_cible")
        valeur = _lire(self, "valeur_cible", suivi.definition.unite if suivi else Unite.NOMBRE)
        if suivi and not annee and "annee_cible" not in self.errors:
            self.add_error("annee_cible", "Un objectif chiffré a une année cible.")
        if suivi and texte in (None, "") and "valeur_cible" not in self.errors:
            self.add_error("valeur_cible", "Un objectif chiffré a une valeur cible.")
        if annee and not (ANNEE_MIN <= annee <= ANNEE_MAX):
            self.add_error("annee_cible", f"L'année doit être entre {ANNEE_MIN} et {ANNEE_MAX}.")
        self.instance.valeur_cible = valeur if suivi else None
        if not suivi:
            self.cleaned_data["annee_cible"] = None
        return self.cleaned_data
