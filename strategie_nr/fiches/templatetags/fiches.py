from django import template

register = template.Library()


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
