import re
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from collectivites.tests.factories import MOT_DE_PASSE, MembreFactory

pytestmark = pytest.mark.django_db

URL = reverse("connexion")


def test_connexion_par_e_mail_insensible_a_la_casse(client, agent):
    reponse = client.post(
        URL, {"username": agent.utilisateur.email.upper(), "password": MOT_DE_PASSE}
    )
    assert reponse.status_code == 302 and reponse.url == reverse("tableau_de_bord")
    assert client.get(reverse("tableau_de_bord")).status_code == 200


def test_mauvais_mot_de_passe(client, agent):
    reponse = client.post(URL, {"username": agent.utilisateur.email, "password": "faux"})
    assert reponse.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect." in reponse.content.decode()


def test_les_tentatives_sont_limitees(client, agent, settings):
    settings.CONNEXION_TENTATIVES_MAX = 3
    for _ in range(3):
        client.post(URL, {"username": agent.utilisateur.email, "password": "faux"})
    reponse = client.post(URL, {"username": agent.utilisateur.email, "password": MOT_DE_PASSE})
    assert reponse.status_code == 200
    assert "Trop de tentatives de connexion" in reponse.content.decode()
    assert "_auth_user_id" not in client.session


def test_la_deconnexion_se_fait_par_post(client_de, agent):
    client = client_de(agent)
    assert client.get(reverse("deconnexion")).status_code == 405
    assert client.post(reverse("deconnexion")).status_code == 302
    assert client.get(reverse("tableau_de_bord")).status_code == 302


def test_reinitialisation_du_mot_de_passe(client, agent):
    client.post(reverse("password_reset"), {"email": agent.utilisateur.email})
    assert len(mail.outbox) == 1
    lien = re.search(r"http://testserver(/mot-de-passe/nouveau/\S+/)", mail.outbox[0].body)
    reponse = client.get(lien.group(1), follow=True)
    assert "Choisir un nouveau mot de passe" in reponse.content.decode()
    nouveau = "Un-nouveau-mot-de-passe-2026"
    client.post(reponse.redirect_chain[-1][0], {"new_password1": nouveau, "new_password2": nouveau})
    assert client.login(email=agent.utilisateur.email, password=nouveau)


def test_une_adresse_inconnue_ne_revele_rien(client):
    reponse = client.post(reverse("password_reset"), {"email": "inconnu@exemple.test"})
    assert reponse.status_code == 302
    assert mail.outbox == []


def test_changer_de_collectivite(client_de, agent, epci):
    MembreFactory(collectivite=epci, utilisateur=agent.utilisateur)
    client = client_de(agent)
    page = client.get(reverse("tableau_de_bord")).content.decode()
    assert agent.collectivite.nom in page and 'id="choix-collectivite"' in page
    reponse = client.post(reverse("collectivites:changer"), {"collectivite": epci.pk})
    assert reponse.status_code == 302
    page = unescape(client.get(reverse("tableau_de_bord")).content.decode())
    assert f"Tableau de bord — {epci.nom}" in page


@pytest.mark.parametrize("valeur", ["", "abc", "999999"])
def test_changer_vers_une_collectivite_dont_on_n_est_pas_membre(client_de, agent, epci, valeur):
    client = client_de(agent)
    valeur = valeur or str(epci.pk)
    reponse = client.post(reverse("collectivites:changer"), {"collectivite": valeur})
    assert reponse.status_code == 404
    page = client.get(reverse("tableau_de_bord")).content.decode()
    assert agent.collectivite.nom in page


def test_le_changement_ne_redirige_pas_hors_du_site(client_de, agent):
    reponse = client_de(agent).post(
        reverse("collectivites:changer"),
        {"collectivite": agent.collectivite_id, "suivant": "https://malveillant.example/"},
    )
    assert reponse.url == reverse("tableau_de_bord")


def test_profil(client_de, agent, client):
    url = reverse("collectivites:profil")
    assert client.get(url).status_code == 302
    connecte = client_de(agent)
    reponse = connecte.post(url, {"first_name": "Camille", "last_name": ""})
    assert reponse.status_code == 400
    assert "Ce champ est obligatoire." in reponse.content.decode()
    connecte.post(url, {"first_name": "Camille", "last_name": "Bernard"})
    agent.utilisateur.refresh_from_db()
    assert agent.utilisateur.get_full_name() == "Camille Bernard"
