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


def _echouer(client, email, fois=1, **entetes):
    for _ in range(fois):
        client.post(URL, {"username": email, "password": "faux"}, **entetes)


def test_les_tentatives_sont_limitees_par_compte(client, agent, settings):
    settings.AXES_FAILURE_LIMIT = 3
    _echouer(client, agent.utilisateur.email, 3)
    reponse = client.post(URL, {"username": agent.utilisateur.email, "password": MOT_DE_PASSE})
    assert reponse.status_code == 429
    html = reponse.content.decode()
    assert "Connexion temporairement bloquée" in html and "réessayez à partir de" in html
    assert html.count("<h1") == 1
    assert "_auth_user_id" not in client.session
    # D'une autre adresse aussi : c'est le compte qui est protégé.
    autre = client.post(
        URL,
        {"username": agent.utilisateur.email, "password": MOT_DE_PASSE},
        REMOTE_ADDR="198.51.100.7",
    )
    assert autre.status_code == 429


def test_des_adresses_inventees_ne_bloquent_personne(client, agent, settings):
    """Derrière le proxy, tout le monde a la même adresse : des échecs sur des comptes
    inventés ne doivent pas bloquer les vrais utilisateurs."""
    for rang in range(settings.AXES_FAILURE_LIMIT + 1):
        _echouer(client, f"invente-{rang}@exemple.test")
    reponse = client.post(URL, {"username": agent.utilisateur.email, "password": MOT_DE_PASSE})
    assert reponse.status_code == 302


def test_l_administration_est_protegee_aussi(client, settings):
    from collectivites.models import Utilisateur

    settings.AXES_FAILURE_LIMIT = 3
    Utilisateur.objects.create_superuser("admin@exemple.test", "Mot-de-passe-admin-2026")
    url = reverse("admin:login")
    for _ in range(3):
        client.post(url, {"username": "admin@exemple.test", "password": "faux"})
    reponse = client.post(
        url, {"username": "admin@exemple.test", "password": "Mot-de-passe-admin-2026"}
    )
    assert reponse.status_code == 429
    assert "_auth_user_id" not in client.session


def test_le_referent_debloque_un_compte(client, client_de, agent, referent, elu, settings):
    settings.AXES_FAILURE_LIMIT = 2
    _echouer(client, agent.utilisateur.email, 2)
    page = client_de(referent).get(reverse("collectivites:membres")).content.decode()
    assert "connexion bloquée" in page
    url = reverse("collectivites:membre_debloquer", args=[agent.pk])
    assert client_de(elu).post(url).status_code == 403
    assert client_de(referent).post(url).status_code == 302
    reponse = client.post(URL, {"username": agent.utilisateur.email, "password": MOT_DE_PASSE})
    assert reponse.status_code == 302


@pytest.mark.parametrize(
    ("proxys", "entete", "attendue"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # sans proxy déclaré, l'en-tête est ignoré
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # ce que le client écrit est ignoré
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (1, "", "10.0.0.1"),
    ],
)
def test_adresse_du_client_a_travers_les_proxys_de_confiance(
    rf, settings, proxys, entete, attendue
):
    from collectivites.securite import adresse_client

    settings.PROXIES_DE_CONFIANCE = proxys
    requete = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=entete)
    assert adresse_client(requete) == attendue


def test_les_demandes_de_reinitialisation_sont_limitees(client, agent, settings, executer_travaux):
    settings.REINITIALISATION_DEMANDES_MAX = 2
    url = reverse("password_reset")
    for _ in range(2):
        assert client.post(url, {"email": agent.utilisateur.email}).status_code == 302
    reponse = client.post(url, {"email": agent.utilisateur.email})
    assert reponse.status_code == 200
    assert "Trop de demandes de réinitialisation" in reponse.content.decode()
    # Par client aussi : d'autres adresses e-mail depuis la même machine.
    assert client.post(url, {"email": "autre@exemple.test"}).status_code == 200
    executer_travaux()
    assert len(mail.outbox) == 2


def test_la_page_d_echec_csrf_est_en_francais(agent):
    from django.test import Client

    reponse = Client(enforce_csrf_checks=True).post(
        URL, {"username": agent.utilisateur.email, "password": MOT_DE_PASSE}
    )
    assert reponse.status_code == 403
    assert "Formulaire expiré" in reponse.content.decode()


def test_la_deconnexion_se_fait_par_post(client_de, agent):
    client = client_de(agent)
    assert client.get(reverse("deconnexion")).status_code == 405
    assert client.post(reverse("deconnexion")).status_code == 302
    assert client.get(reverse("tableau_de_bord")).status_code == 302


def test_reinitialisation_du_mot_de_passe(client, agent, executer_travaux):
    client.post(reverse("password_reset"), {"email": agent.utilisateur.email})
    executer_travaux()
    assert len(mail.outbox) == 1
    assert "&#x27;" not in mail.outbox[0].body
    lien = re.search(r"http://testserver(/mot-de-passe/nouveau/\S+/)", mail.outbox[0].body)
    reponse = client.get(lien.group(1), follow=True)
    assert "Choisir un nouveau mot de passe" in reponse.content.decode()
    nouveau = "Un-nouveau-mot-de-passe-2026"
    client.post(reponse.redirect_chain[-1][0], {"new_password1": nouveau, "new_password2": nouveau})
    client.post(reverse("deconnexion"))
    reponse = client.post(URL, {"username": agent.utilisateur.email, "password": nouveau})
    assert reponse.status_code == 302 and "_auth_user_id" in client.session


def test_une_adresse_inconnue_ne_revele_rien(client, executer_travaux):
    reponse = client.post(reverse("password_reset"), {"email": "inconnu@exemple.test"})
    assert reponse.status_code == 302
    executer_travaux()
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
