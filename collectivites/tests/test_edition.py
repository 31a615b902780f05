from types import SimpleNamespace

import pytest
from django import forms
from django.contrib import messages
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from collectivites.edition import EditionView, SuppressionView
from collectivites.perms import peut_contribuer

pytestmark = pytest.mark.django_db

ENREGISTRES = []


class Conflit(Exception):
    pass


class NomForm(forms.Form):
    nom = forms.CharField(label="Nom", max_length=20)


class NomView(EditionView):
    permission = staticmethod(peut_contribuer)
    message = "« {objet.nom} » est enregistré."
    conflits = (Conflit,)

    def formulaire(self, donnees=None):
        return NomForm(donnees)

    def enregistrer(self, form):
        nom = form.cleaned_data["nom"]
        if nom == "refusé":
            raise ValidationError({"nom": "Ce nom est déjà pris."})
        if nom == "conflit":
            raise Conflit("Modifié entre-temps par une autre personne.")
        ENREGISTRES.append(nom)
        return SimpleNamespace(nom=nom, get_absolute_url=lambda: f"/noms/{nom}/")

    def render_to_response(self, contexte, **kwargs):
        form = contexte["form"]
        texte = " | ".join(e for erreurs in form.errors.values() for e in erreurs)
        return HttpResponse(texte, **kwargs)


class NomAnnonceView(NomView):
    """Une écriture à plusieurs issues : la vue dit elle-même ce qui a été fait."""

    def annoncer(self, objet):
        messages.info(self.request, f"« {objet.nom} » était déjà enregistré.")
        messages.warning(self.request, "Personne n'a été prévenu.")


class NomSupprimerView(SuppressionView):
    permission = staticmethod(peut_contribuer)
    message = "« {objet} » est supprimé."

    def objet(self):
        return self.kwargs["nom"]

    def supprimer(self, nom):
        if nom == "garde":
            raise ValidationError("Ce nom ne se supprime pas.")
        ENREGISTRES.remove(nom)

    def succes(self, nom):
        return "/noms/"

    def apres_refus(self, nom):
        return f"/noms/{nom}/"


def _requete(membre, methode="get", donnees=None):
    requete = getattr(RequestFactory(), methode)("/noms/", donnees or {})
    requete.user = membre.utilisateur
    requete.membre, requete.collectivite = membre, membre.collectivite
    requete.session = SessionStore()
    requete._messages = FallbackStorage(requete)
    return requete


def _messages(requete):
    return [str(m) for m in get_messages(requete)]


@pytest.fixture(autouse=True)
def _vide():
    ENREGISTRES.clear()


def test_saisie_valide_enregistree_puis_redirigee_avec_un_message(agent):
    requete = _requete(agent, "post", {"nom": "Mairie"})
    reponse = NomView.as_view()(requete)
    assert reponse.status_code == 302 and reponse.url == "/noms/Mairie/"
    assert ENREGISTRES == ["Mairie"]
    assert _messages(requete) == ["« Mairie » est enregistré."]


def test_saisie_invalide_ou_refusee_par_le_service_revient_sur_le_formulaire(agent):
    reponse = NomView.as_view()(_requete(agent, "post", {"nom": ""}))
    assert reponse.status_code == 400 and "obligatoire" in reponse.content.decode()
    reponse = NomView.as_view()(_requete(agent, "post", {"nom": "refusé"}))
    assert reponse.status_code == 400 and reponse.content.decode() == "Ce nom est déjà pris."
    assert ENREGISTRES == []


def test_la_vue_peut_annoncer_la_reussite_a_sa_facon(agent):
    requete = _requete(agent, "post", {"nom": "Mairie"})
    reponse = NomAnnonceView.as_view()(requete)
    assert reponse.status_code == 302 and reponse.url == "/noms/Mairie/"
    assert [(m.level_tag, str(m)) for m in get_messages(requete)] == [
        ("info", "« Mairie » était déjà enregistré."),
        ("warning", "Personne n'a été prévenu."),
    ]
    requete = _requete(agent, "post", {"nom": "refusé"})
    assert NomAnnonceView.as_view()(requete).status_code == 400
    assert _messages(requete) == []


def test_ecriture_concurrente_rendue_en_409_sans_rien_ecrire(agent):
    reponse = NomView.as_view()(_requete(agent, "post", {"nom": "conflit"}))
    assert reponse.status_code == 409
    assert reponse.content.decode() == "Modifié entre-temps par une autre personne."
    assert ENREGISTRES == []


def test_le_role_sans_droit_est_refuse(elu):
    with pytest.raises(PermissionDenied):
        NomView.as_view()(_requete(elu, "post", {"nom": "Mairie"}))
    assert ENREGISTRES == []


def test_suppression_puis_refus_du_service(agent):
    ENREGISTRES.extend(["Mairie", "garde"])
    requete = _requete(agent, "post")
    reponse = NomSupprimerView.as_view()(requete, nom="Mairie")
    assert reponse.url == "/noms/" and _messages(requete) == ["« Mairie » est supprimé."]
    requete = _requete(agent, "post")
    reponse = NomSupprimerView.as_view()(requete, nom="garde")
    assert reponse.url == "/noms/garde/" and _messages(requete) == ["Ce nom ne se supprime pas."]
    assert ENREGISTRES == ["garde"]
