"""Parcours du socle dans un vrai navigateur, avec l'analyse d'accessibilité de chaque page."""

import re

import pytest
from django.core import mail

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur


def test_le_referent_invite_une_collegue(se_connecter, executer_travaux):
    page = se_connecter("referent@demo.test")
    verifier(page)
    page.get_by_role("link", name="Membres").click()
    page.get_by_role("heading", level=1).wait_for()
    verifier(page)

    # Saisie fautive : message en français lié au champ, page accessible.
    page.get_by_label("Adresse e-mail de la personne invitée").fill("pas-une-adresse")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    assert page.get_by_text("Saisissez une adresse de courriel valide.").is_visible()
    verifier(page)

    page.get_by_label("Adresse e-mail de la personne invitée").fill("camille@demo.test")
    page.locator("#id_role").select_option(label="Agent")
    page.locator("#id_fonction").fill("Commande publique")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    assert page.get_by_text(
        "Invitation créée pour camille@demo.test : le courriel part dans un instant."
    ).is_visible()
    executer_travaux()  # le courriel part par la file des tâches
    assert "camille@demo.test" in mail.outbox[-1].to


def test_l_invitee_cree_son_compte(se_connecter, page, executer_travaux):
    se_connecter("referent@demo.test")
    page.goto("/membres/")
    page.get_by_label("Adresse e-mail de la personne invitée").fill("camille@demo.test")
    page.locator("#id_fonction").fill("Formation")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    page.get_by_text("le courriel part dans un instant").wait_for()
    executer_travaux()
    lien = re.search(r"http://\S+(/invitation/\S+/)", mail.outbox[-1].body).group(1)
    page.get_by_role("button", name="Se déconnecter").click()

    page.goto(lien)
    verifier(page)
    page.locator("#id_prenom").fill("Camille")
    page.locator("#id_nom").fill("Robert")
    page.locator("#id_mot_de_passe").fill("Sobriete-numerique-2026")
    page.locator("#id_mot_de_passe_confirmation").fill("Sobriete-numerique-2026")
    page.get_by_role("button", name="Créer mon compte et rejoindre la collectivité").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Tableau de bord")


@pytest.mark.parametrize(
    "chemin",
    ["/connexion/", "/mot-de-passe/oublie/"],
)
def test_pages_publiques_accessibles(page, chemin):
    page.goto(chemin)
    verifier(page)


@pytest.mark.parametrize(
    "chemin",
    [
        "/",
        "/referentiel/",
        "/referentiel/axes/2/",
        "/referentiel/pratiques/",
        "/collectivite/",
        "/parc/historique/",
        "/programme/historique/",
    ],
)
def test_pages_principales_accessibles(se_connecter, chemin):
    page = se_connecter("referent@demo.test")
    page.goto(chemin)
    verifier(page)


def test_clavier_lien_d_evitement(se_connecter):
    page = se_connecter("elu@demo.test")
    page.keyboard.press("Tab")
    lien = page.locator(":focus")
    assert lien.inner_text() == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
