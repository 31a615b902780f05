from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from parc.models import TypeEquipement
from strategie_nr.plateforme.tableurs import ACCEPT

from .lecture import taille_max
from .models import ChampCorrespondance


class DepotForm(forms.Form):
    fichier = forms.FileField(
        label="Fichier d'inventaire (CSV, XLSX ou ODS)",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": "Choisissez un fichier à importer.",
            "empty": "Le fichier est vide.",
            "invalid": "Aucun fichier n'a été reçu : choisissez-en un de nouveau.",
        },
    )

    def __init__(self, *args, taille_depassee: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.taille_depassee = taille_depassee
        self.fields["fichier"].help_text = (
            "Export GLPI (un fichier par type d'objet), grille d'inventaire de l'ANCT, classeur "
            f"LibreOffice ou export de cette application ; {taille_max() // (1024 * 1024)} Mo "
            "au plus."
        )
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("submit", "Voir l'aperçu"))

    def clean(self):
        cleaned = super().clean()
        if self.taille_depassee:
            # Le fichier trop gros a été abandonné à la réception : il n'est pas « manquant ».
            self.errors.pop("fichier", None)
            self.add_error(
                "fichier",
                f"Le fichier dépasse la taille maximale de {self.taille_depassee // (1024 * 1024)}"
                " Mo. Découpez-le en plusieurs fichiers, ou retirez les colonnes inutiles.",
            )
        return cleaned


class CorrespondancesForm(forms.Form):
    """Une liste déroulante par valeur non reconnue d'un fichier (type ou statut)."""

    def __init__(self, *args, inconnues: dict, listes: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.valeurs = {}
        for champ, textes in inconnues.items():
            libelle_champ = ChampCorrespondance(champ).label
            for rang, (texte, nombre) in enumerate(textes.items()):
                nom = f"{champ}_{rang}"
                self.valeurs[nom] = (champ, texte)
                self.fields[nom] = forms.ChoiceField(
                    label=f"{libelle_champ} « {texte} » ({nombre} ligne{'s' * (nombre > 1)})",
                    choices=[("", "— choisir —"), *listes[champ].items()],
                    required=False,
                )

    def choix(self) -> list[tuple[str, str, str]]:
        """(champ, texte lu, valeur retenue) pour chaque liste où l'on a choisi quelque chose."""
        return [
            (*self.valeurs[nom], valeur)
            for nom, valeur in self.cleaned_data.items()
            if valeur and nom in self.valeurs
        ]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.values()):
            raise forms.ValidationError("Choisissez au moins une correspondance.")
        return cleaned


class ConfirmationForm(forms.Form):
    seulement_valides = forms.BooleanField(
        label="Importer seulement les lignes valides (les lignes en erreur sont laissées de côté)",
        required=False,
    )


class OptionsForm(forms.Form):
    """Les choix de l'aperçu, faits une fois par fichier."""

    type_par_defaut = forms.ModelChoiceField(
        label="Type des lignes dont la colonne Type est vide",
        queryset=TypeEquipement.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="— aucun : ces lignes sont en erreur —",
        help_text="GLPI laisse souvent vide le type des écrans : choisissez « Écran ».",
    )
    service_depuis_entite = forms.BooleanField(
        label="Tirer le service du dernier segment de l'entité GLPI",
        required=False,
        help_text="« Entité racine > Ville de X > CCAS » donne le service « CCAS ».",
    )
