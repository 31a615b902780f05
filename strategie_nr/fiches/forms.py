"""Formulaires de la fiche action, de la validation et des filtres de la feuille de route."""

import re
import uuid
from decimal import Decimal, InvalidOperation
from operator import attrgetter

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils import timezone

from collectivites.enums import Role
from collectivites.models import Membre
from indicateurs.models import IndicateurSuivi
from strategie_nr.referentiel.models import ActionExemple, Axe, Dimension, Pratique

from .enums import Engagement, Niveau, Perimetre, StatutFiche, UniteMoyens
from .models import CHAMPS_FICHE, COMMENTAIRE_LONGUEUR_MAX, FicheAction

ESPACES = re.compile(r"[\s\u00a0\u202f]")


class NombreFrancaisField(forms.DecimalField):
    """Nombre saisi à la française (« 1 234,5 ») ou à l'anglaise (« 1234.5 »)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})
    default_error_messages = {"invalid": "Saisissez un nombre, par exemple 1 234,5."}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", True)  # valeur initiale affichée à la française
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        texte = ESPACES.sub("", str(value)).replace("€", "").replace(",", ".")
        try:
            nombre = Decimal(texte)
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not nombre.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return nombre

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # Pas de contrôle du navigateur : les erreurs viennent du serveur, en français.
        for cle in ("min", "max", "step"):
            attrs.pop(cle, None)
        return attrs


class MoisField(forms.DateField):
    """Un mois (« 2025-04 » depuis le sélecteur, ou « 04/2025 ») : le 1er de ce mois."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%m/%Y", "%Y-%m-%d", "%d/%m/%Y"]
    default_error_messages = {"invalid": "Saisissez un mois, par exemple 04/2025."}

    def to_python(self, value):
        date = super().to_python(value)
        return date.replace(day=1) if date else date


def _annee_field(**kwargs):
    return forms.IntegerField(
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Saisissez une année, par exemple 2026.",
            "min_value": "L'année doit être comprise entre 2000 et 2100.",
            "max_value": "L'année doit être comprise entre 2000 et 2100.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


class ChoixMultiplesField(forms.ModelMultipleChoiceField):
    """Refuse proprement un identifiant hors des entiers de la base (sinon erreur SQLite)."""

    def _check_values(self, value):
        for pk in value:
            if not str(pk).isdigit() or int(pk) >= 2**31:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class FicheForm(forms.ModelForm):
    revision = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31 - 1
    )
    action_exemple = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1
    )
    debut = MoisField(label="Démarrage (mois)", help_text="Par exemple 04/2025.")
    fin = MoisField(label="Fin (mois)", help_text="Par exemple 06/2025.")
    priorite = forms.TypedChoiceField(
        label="Priorité",
        coerce=int,
        choices=[
            (n.value, f"{n.label} {lib}")
            for n, lib in zip(
                Niveau, ("Aller plus loin", "Recommandée", "Prioritaire"), strict=True
            )
        ],
    )
    difficulte = forms.TypedChoiceField(
        label="Difficulté de mise en œuvre",
        coerce=int,
        choices=[
            (n.value, f"{n.label} {lib}")
            for n, lib in zip(Niveau, ("Facile", "Moyenne", "Difficile"), strict=True)
        ],
    )
    budget = NombreFrancaisField(
        label="Budget (€)", min_value=0, max_digits=12, decimal_places=2, required=False
    )
    moyens_humains = NombreFrancaisField(
        label="Moyens humains", min_value=0, max_digits=8, decimal_places=2, required=False
    )
    perimetres = forms.MultipleChoiceField(
        label="Périmètre",
        choices=Perimetre.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contributeurs = ChoixMultiplesField(
        label="Contributeurs",
        queryset=Membre.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contributeurs_libres = forms.CharField(
        label="Autres contributeurs",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Personnes ou équipes hors de l'application, une par ligne.",
    )

    class Meta:
        model = FicheAction
        fields = [c for c in CHAMPS_FICHE if c != "action_exemple"] + ["contributeurs"]
        widgets = {
            "resultats_attendus": forms.Textarea(attrs={"rows": 3}),
            "prerequis": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, collectivite, **kwargs):
        super().__init__(*args, **kwargs)
        membres = (
            Membre.objects.for_collectivite(collectivite).actifs().select_related("utilisateur")
        )
        self.fields["responsable"].queryset = membres.exclude(role=Role.ELU)
        self.fields["responsable"].label = "Responsable (une seule personne)"
        self.fields["contributeurs"].queryset = membres
        for nom in ("responsable", "contributeurs"):
            self.fields[nom].label_from_instance = attrgetter("nom_dans_la_collectivite")
        self.fields["axe"].queryset = Axe.objects.all()
        self.fields["axe"].label = "Axe REEN"
        self.fields["dimension"].queryset = Dimension.objects.all()
        self.fields["pratique"].queryset = Pratique.objects.select_related("famille")
        self.fields["moyens_unite"].label = "Unité des moyens humains"
        self.fields["statut"].choices = StatutFiche.choices
        self.fields["engagement"].choices = Engagement.choices
        self.fields["moyens_unite"].choices = UniteMoyens.choices
        if self.instance.pk and not self.is_bound:
            self.initial["contributeurs_libres"] = "\n".join(self.instance.contributeurs_libres)
            self.initial["revision"] = self.instance.revision
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset("Le levier", "titre", "axe", "dimension", "pratique", "levier_libre"),
            Fieldset("Priorisation", "priorite", "difficulte", "statut", "engagement"),
            Fieldset("Résultats et calendrier", "resultats_attendus", "debut", "fin"),
            Fieldset("Portage", "responsable", "contributeurs", "contributeurs_libres"),
            Fieldset(
                "Moyens et périmètre",
                "moyens_humains",
                "moyens_unite",
                "budget",
                "ligne_budgetaire",
                "perimetres",
                "prerequis",
            ),
            "revision",
            "action_exemple",
        )

    def clean_contributeurs_libres(self):
        texte = self.cleaned_data.get("contributeurs_libres") or ""
        return [ligne.strip() for ligne in texte.splitlines() if ligne.strip()]

    def clean_budget(self):
        return self.cleaned_data.get("budget") or Decimal(0)

    def clean(self):
        donnees = super().clean()
        if not donnees.get("pratique") and not (donnees.get("levier_libre") or "").strip():
            self.add_error(
                "levier_libre", "Choisissez une pratique du guide ou décrivez le levier."
            )
        debut, fin = donnees.get("debut"), donnees.get("fin")
        if debut and fin and fin < debut:
            self.add_error("fin", "La fin ne peut pas précéder le démarrage.")
        return donnees

    def _post_clean(self):
        # La fiche est validée par le service (version, responsable de la collectivité).
        pass

    def donnees_service(self) -> dict:
        champs = {
            k: v for k, v in self.cleaned_data.items() if k not in ("contributeurs", "revision")
        }
        action = champs.pop("action_exemple", None)
        champs["action_exemple"] = (
            ActionExemple.objects.filter(pk=action).first() if action else None
        )
        return champs


class LigneForm(forms.Form):
    """Ligne facultative : entièrement vide, elle est ignorée (c'est ainsi qu'on la retire)."""

    obligatoire = ""

    def clean(self):
        donnees = super().clean()
        remplie = any(v not in (None, "", False) for v in donnees.values())
        if remplie and not donnees.get(self.obligatoire) and self.obligatoire not in self.errors:
            self.add_error(self.obligatoire, "Ce champ est obligatoire pour cette ligne.")
        donnees["_vide"] = not remplie
        return donnees


class IndicateurForm(LigneForm):
    obligatoire = "libelle"
    indicateur_suivi_id = forms.TypedChoiceField(
        label="Indicateur suivi", required=False, coerce=int, empty_value=None
    )
    libelle = forms.CharField(label="Indicateur", max_length=300, required=False)

    def __init__(self, *args, suivis=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suivis = dict(suivis)
        self.fields["indicateur_suivi_id"].choices = [("", "— aucun —"), *suivis]

    def clean(self):
        donnees = super().clean()
        suivi = donnees.get("indicateur_suivi_id")
        if suivi and not donnees.get("libelle"):
            # Choisir un indicateur suivi suffit : son libellé devient celui de la ligne.
            donnees["libelle"] = self.suivis[suivi]
            self.errors.pop("libelle", None)
        return donnees

    valeur_cible = NombreFrancaisField(
        label="Valeur cible", max_digits=14, decimal_places=2, required=False
    )
    annee_cible = _annee_field(label="Année cible", required=False)


class SousActionForm(LigneForm):
    obligatoire = "quoi"
    quoi = forms.CharField(label="Action", max_length=300, required=False)
    qui = forms.CharField(label="Qui ?", max_length=200, required=False)
    echeance = forms.DateField(
        label="Échéance",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Saisissez une date, par exemple 30/06/2025."},
    )
    fait = forms.BooleanField(label="Fait", required=False)


class BudgetForm(LigneForm):
    obligatoire = "montant"
    annee = _annee_field(label="Année", required=False)
    montant = NombreFrancaisField(
        label="Montant (€)", min_value=0, max_digits=12, decimal_places=2, required=False
    )
    depense = NombreFrancaisField(
        label="Dépensé (€)", min_value=0, max_digits=12, decimal_places=2, required=False
    )

    def clean(self):
        donnees = super().clean()
        if not donnees["_vide"] and not donnees.get("annee") and "annee" not in self.errors:
            self.add_error("annee", "Indiquez l'année de ce montant.")
        return donnees


def _formset(form, prefixe, extra=2):
    return forms.formset_factory(form, extra=extra, max_num=50, validate_max=True), prefixe


FORMSETS = {
    "indicateurs": _formset(IndicateurForm, "indicateurs"),
    "sous_actions": _formset(SousActionForm, "sous_actions", extra=3),
    "budgets": _formset(BudgetForm, "budgets"),
}


def formsets_construire(data=None, initial=None, *, collectivite=None) -> dict:
    """Les lignes de la fiche ; celles des indicateurs proposent les indicateurs suivis."""
    initial = initial or {}
    suivis = []
    if collectivite is not None:
        suivis = [
            (pk, libelle[:120])
            for pk, libelle in IndicateurSuivi.objects.for_collectivite(collectivite)
            .order_by("definition__axe__numero", "definition__libelle")
            .values_list("pk", "definition__libelle")
        ]
    return {
        nom: classe(
            data,
            prefix=prefixe,
            initial=initial.get(nom),
            form_kwargs={"suivis": suivis} if nom == "indicateurs" else {},
        )
        for nom, (classe, prefixe) in FORMSETS.items()
    }


def lignes(formset) -> list[dict]:
    return [
        {k: v for k, v in f.cleaned_data.items() if k != "_vide"}
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("_vide")
    ]


class ValidationForm(forms.Form):
    date_copil = forms.DateField(
        label="Date du COPIL qui a validé la feuille de route",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "required": "Indiquez la date du COPIL.",
            "invalid": "Saisissez une date, par exemple 14/03/2025.",
        },
    )

    def clean_date_copil(self):
        date = self.cleaned_data["date_copil"]
        if date > timezone.localdate():
            raise forms.ValidationError("La date du COPIL ne peut pas être dans le futur.")
        return date


class RenvoiForm(forms.Form):
    commentaire = forms.CharField(
        label="Ce qui doit être repris",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Expliquez ce qui doit être repris."},
    )


class CommentaireForm(forms.Form):
    texte = forms.CharField(
        label="Votre commentaire",
        max_length=COMMENTAIRE_LONGUEUR_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Texte simple. Pour prévenir un membre par e-mail, écrivez @ suivi de son "
        "pseudo (la liste est sous le champ).",
        error_messages={
            "required": "Écrivez votre commentaire avant de l'envoyer.",
            "max_length": "Un commentaire tient en %(limit_value)d caractères au plus (celui-ci "
            "en compte %(show_value)d).",
        },
    )
    jeton = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class FiltresForm(forms.Form):
    axe = forms.TypedChoiceField(label="Axe", required=False, coerce=int, empty_value=None)
    statut = forms.ChoiceField(label="Statut", required=False)
    responsable = forms.TypedChoiceField(
        label="Responsable", required=False, coerce=int, empty_value=None
    )
    priorite = forms.TypedChoiceField(
        label="Priorité",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Toutes")] + [(n.value, n.label) for n in reversed(Niveau)],
    )

    def __init__(self, *args, axes, responsables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axe"].choices = [("", "Tous")] + [(a.numero, str(a)) for a in axes]
        self.fields["statut"].choices = (
            [("", "Tous")] + StatutFiche.choices + [("en_retard", "En retard")]
        )
        self.fields["responsable"].choices = [("", "Tous")] + sorted(
            responsables, key=lambda choix: choix[1]
        )
        for champ in self.fields.values():
            champ.widget.attrs["class"] = "form-select"

    def filtrer(self, fiches: list[dict]) -> list[dict]:
        if not self.is_valid():
            return fiches
        criteres = self.cleaned_data
        return [
            f
            for f in fiches
            if (criteres["axe"] is None or f["axe"] == criteres["axe"])
            and (not criteres["statut"] or f["statut_affiche"] == criteres["statut"])
            and (criteres["responsable"] is None or f["responsable_id"] == criteres["responsable"])
            and (criteres["priorite"] is None or f["priorite"] == criteres["priorite"])
        ]


class ComparaisonForm(forms.Form):
    de = forms.TypedChoiceField(label="Version de départ", coerce=int)
    a = forms.TypedChoiceField(label="Version d'arrivée", coerce=int)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choix = [(v.pk, f"{v.libelle} — {v.get_statut_display().lower()}") for v in versions]
        self.fields["de"].choices = choix
        self.fields["a"].choices = choix
