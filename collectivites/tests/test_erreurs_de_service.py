"""Les erreurs d'un service reviennent sur le formulaire, jamais en erreur 500."""

from django import forms
from django.core.exceptions import ValidationError

from collectivites.forms import erreurs_vers_formulaire


class Formulaire(forms.Form):
    email = forms.EmailField(label="Adresse")


def _formulaire():
    form = Formulaire({"email": "a@exemple.test"})
    assert form.is_valid()
    return form


def test_erreur_nommant_un_champ_du_formulaire_s_y_rattache():
    form = _formulaire()
    erreurs_vers_formulaire(form, ValidationError({"email": "Déjà membre."}))
    assert form.errors == {"email": ["Déjà membre."]}


def test_erreur_d_un_champ_absent_ou_sans_champ_va_au_formulaire_entier():
    form = _formulaire()
    erreurs_vers_formulaire(form, ValidationError({"role": "Rôle inconnu."}))
    erreurs_vers_formulaire(form, ValidationError("Serveur de messagerie indisponible."))
    assert form.non_field_errors() == ["Rôle inconnu.", "Serveur de messagerie indisponible."]
