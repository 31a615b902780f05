"""Données ouvertes dans un vrai navigateur : le référent choisit ce qu'il publie, un visiteur
sans compte lit la page publique, sur un téléphone aussi."""

import pytest

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur


def test_le_referent_retire_puis_republie_les_indicateurs(se_connecter):
    page = se_connecter("referent@demo.test")
    page.get_by_role("link", name="Collectivité").click()
    page.get_by_role("link", name="Publication des données").click()
    page.get_by_role("heading", level=1, name="Publication des données").wait_for()
    verifier(page)
    case = page.get_by_label("Publier les indicateurs et leurs valeurs annuelles")
    assert case.is_checked()
    case.uncheck()
    page.get_by_role("button", name="Enregistrer les choix de publication").click()
    page.get_by_text("Les choix de publication sont enregistrés.").wait_for()
    assert page.locator(
        "li", has_text="publier les indicateurs et leurs valeurs : oui → non"
    ).first.is_visible()
    reponse = page.request.get("/api/v1/collectivites/45999/indicateurs.json")
    assert reponse.status == 404
    page.get_by_label("Publier les indicateurs et leurs valeurs annuelles").check()
    page.get_by_role("button", name="Enregistrer les choix de publication").click()
    page.get_by_text("Les choix de publication sont enregistrés.").wait_for()
    assert page.request.get("/api/v1/collectivites/45999/indicateurs.json").status == 200


def test_la_page_publique_se_lit_sans_compte_sur_un_telephone(page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/donnees/45999/")
    page.get_by_role(
        "heading", level=1, name="Données ouvertes — Ville de Démo-sur-Loire"
    ).wait_for()
    page.get_by_role("heading", level=2, name="Indicateurs de suivi").wait_for()
    assert page.get_by_role("link", name="tous les indicateurs en CSV").is_visible()
    verifier(page)
    # Rien ne déborde de l'écran : les tableaux défilent dans leur cadre.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    reponse = page.goto("/donnees/999999998/")
    assert reponse.status == 404
    page.get_by_role("heading", level=1, name="Page introuvable").wait_for()
