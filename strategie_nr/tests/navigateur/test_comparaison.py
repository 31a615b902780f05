"""Comparaison anonyme dans un vrai navigateur : lisible, accessible, choix du référent."""

import pytest

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur


def test_le_referent_lit_la_comparaison_puis_retire_sa_collectivite(se_connecter):
    page = se_connecter("referent@demo.test")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Comparaison"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Comparaison avec d'autres collectivités"
    )
    tableau = page.get_by_role("table", name="Note globale : médiane et quartiles de vos groupes")
    assert tableau.get_by_role(
        "rowheader", name="Toutes les participantes (10 à 19 collectivités)"
    ).count()
    verifier(page)
    page.get_by_label("Non, elle ne participe pas").check()
    page.get_by_role("button", name="Enregistrer ce choix").click()
    assert "ne participe plus à la comparaison" in page.locator("body").inner_text()
    assert "Votre collectivité ne participe pas" in page.locator("main").inner_text()
    verifier(page)


def test_l_elu_lit_la_comparaison_sur_son_telephone(navigateur, live_server, donnees_demo):
    from collectivites.demo import MOT_DE_PASSE

    contexte = navigateur.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 375, "height": 740}
    )
    page = contexte.new_page()
    page.goto("/connexion/")
    page.get_by_label("Adresse e-mail").fill("elu@demo.test")
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/")
    page.goto("/comparaison/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator("svg.graphique").count() > 0
    assert page.get_by_role("button", name="Enregistrer ce choix").count() == 0
    verifier(page)
    contexte.close()
