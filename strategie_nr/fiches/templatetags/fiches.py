from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def nombre(valeur) -> str:
    """1 234,5 : séparateur de milliers, décimales seulement si utiles."""
    if valeur in (None, ""):
        return "—"
    valeur = Decimal(valeur)
    decimales = 0 if valeur == valeur.to_integral() else 2
    return formats.number_format(valeur, decimal_pos=decimales, use_l10n=True, force_grouping=True)


@register.filter
def euros(valeur) -> str:
    return "—" if valeur in (None, "") else f"{nombre(valeur)} €"


@register.filter
def mois(date) -> str:
    """« avril 2025 »."""
    return formats.date_format(date, "F Y") if date else "—"


def _classe(champ) -> str:
    type_widget = getattr(champ.field.widget, "input_type", "")
    if type_widget == "checkbox":
        return "form-check-input"
    if type_widget == "select":
        return "form-select"
    return "form-control"


@register.filter
def attr_controle(champ):
    """Le champ d'une ligne de tableau, avec la classe Bootstrap qui lui va."""
    return champ.as_widget(attrs={"class": _classe(champ)})


@register.filter
def attr_invalide(champ):
    """Le champ en erreur, relié à son message pour les lecteurs d'écran."""
    return champ.as_widget(
        attrs={
            "class": f"{_classe(champ)} is-invalid",
            "aria-invalid": "true",
            "aria-describedby": f"{champ.auto_id}_erreur",
        }
    )
