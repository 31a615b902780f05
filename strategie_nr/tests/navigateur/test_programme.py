"""Programme de travail dans un vrai navigateur, avec l'analyse d'accessibilité de ses pages."""

import pytest

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur


def test_l_agent_ajoute_une_partie_prenante(se_connecter):
    page = se_connecter("agent@demo.test")
    page.get_by_role("link", name="Programme de travail").click()
    page.get_by_role("heading", level=1, name="Programme de travail").wait_for()
    verifier(page)
    page.get_by_role("link", name="Parties prenantes").click()
    page.get_by_role("heading", level=1, name="Parties prenantes du territoire").wait_for()
    verifier(page)
    page.get_by_role("link", name="Ajouter une partie prenante").click()

    # Saisie fautive : label QualiRépar pour une association, nom manquant.
    page.get_by_label("Nature").select_option(label="ESS / association")
    page.get_by_label("Labellisé QualiRépar").check()
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_text("rien n'a été enregistré").is_visible()
    assert page.get_by_text("Seul un réparateur peut être labellisé QualiRépar").is_visible()
    verifier(page)

    page.get_by_label("Nom").fill("Atelier du Bocage")
    page.get_by_label("Nature").select_option(label="Réparateur")
    page.get_by_label("Rôle dans la stratégie").fill("Réparation des tablettes des écoles")
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_text("« Atelier du Bocage » est enregistrée.").is_visible()

    # Le filtre par label ne garde que les réparateurs labellisés.
    page.get_by_label("Labellisés QualiRépar seulement").check()
    page.get_by_role("button", name="Filtrer").click()
    lignes = page.locator("tbody tr")
    assert lignes.filter(has_text="Atelier du Bocage").count() == 1
    assert lignes.filter(has_text="Ecosystem").count() == 0


@pytest.mark.parametrize(
    "chemin",
    ["/programme/bilan/", "/programme/actions-engagees/", "/programme/bilan/modifier/"],
)
def test_pages_du_programme_accessibles(se_connecter, chemin):
    page = se_connecter("referent@demo.test")
    page.goto(chemin)
    verifier(page)


def test_l_elu_lit_sans_bouton_de_modification(se_connecter):
    page = se_connecter("elu@demo.test")
    page.goto("/programme/actions-engagees/")
    verifier(page)
    assert page.get_by_role("link", name="Ajouter une action déjà engagée").count() == 0
    assert page.get_by_text("Don des ordinateurs réformés").is_visible()
