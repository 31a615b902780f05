"""Fiches actions et feuille de route dans un vrai navigateur, avec l'analyse d'accessibilité."""

import pytest
from django.core import mail

from strategie_nr.fiches.models import FicheAction

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur


def test_un_agent_redige_le_referent_soumet_puis_valide(se_connecter, page, executer_travaux):
    se_connecter("agent@demo.test")
    page.get_by_role("link", name="Feuille de route").first.click()
    page.get_by_role("heading", level=1).wait_for()
    verifier(page)

    # Depuis une pratique du guide : le formulaire arrive prérempli.
    page.goto("/referentiel/pratiques/a.1/")
    page.get_by_role("link", name="En faire une fiche action").click()
    assert page.get_by_label("Titre").input_value() != ""

    # Saisie fautive : erreurs en français liées aux champs, rien n'est perdu.
    page.get_by_label("Titre").fill("Former les agents au numérique responsable")
    page.get_by_label("Démarrage (mois)").fill("2025-09")
    page.get_by_label("Fin (mois)").fill("2025-03")
    page.get_by_label("Budget (€)").fill("douze mille")
    page.get_by_label("Action, ligne 1").fill("Inscrire la formation au plan 2025")
    page.get_by_role("button", name="Enregistrer la fiche").click()
    assert page.get_by_text("La fin ne peut pas précéder le démarrage.").is_visible()
    assert page.get_by_text("Saisissez un nombre, par exemple 1 234,5.").is_visible()
    assert (
        page.get_by_label("Action, ligne 1").input_value() == "Inscrire la formation au plan 2025"
    )
    verifier(page)

    page.get_by_label("Fin (mois)").fill("2026-06")
    page.get_by_label("Budget (€)").fill("20 000")
    page.get_by_label("Indicateur, ligne 1").fill("Nombre de personnes formées")
    page.get_by_label("Valeur cible, ligne 1").fill("30")
    page.get_by_label("Année, ligne 1").fill("2025")
    page.get_by_label("Montant (€), ligne 1").fill("12 000")
    page.get_by_role("button", name="Enregistrer la fiche").click()
    page.get_by_role(
        "heading", level=1, name="Former les agents au numérique responsable"
    ).wait_for()
    assert page.get_by_text("Démarrage : septembre 2025 ; fin : juin 2026").is_visible()
    verifier(page)
    assert FicheAction.objects.filter(titre__startswith="Former les agents").exists()
    page.get_by_role("button", name="Se déconnecter").click()

    se_connecter("referent@demo.test")
    page.goto("/feuille-de-route/")
    page.get_by_role("button", name="Soumettre la version v2 pour validation").click()
    assert page.get_by_text("les référents sont prévenus").is_visible()
    executer_travaux()  # le courriel part par la file des tâches
    assert any("referent@demo.test" in message.to for message in mail.outbox)
    page.get_by_role("link", name="Valider ou renvoyer la version v2").click()
    verifier(page)
    # Sans date de COPIL : refusé avec un message.
    page.get_by_role("button", name="Valider la version v2").click()
    assert page.get_by_text("Indiquez la date du COPIL.").is_visible()
    verifier(page)
    page.get_by_label("Date du COPIL qui a validé la feuille de route").fill("2025-03-14")
    page.get_by_role("button", name="Valider la version v2").click()
    assert page.get_by_text("La version v2 est validée : elle est figée.").is_visible()
    assert page.get_by_role("heading", name="Version v2 : validée").is_visible()
    verifier(page)


@pytest.mark.parametrize(
    "chemin",
    ["/feuille-de-route/historique/", "/feuille-de-route/comparer/", "/referentiel/axes/1/"],
)
def test_pages_de_la_feuille_de_route_accessibles(se_connecter, chemin):
    page = se_connecter("referent@demo.test")
    page.goto(chemin)
    verifier(page)


def test_confirmation_du_retrait_accessible(se_connecter, donnees_demo):
    page = se_connecter("referent@demo.test")
    fiche = FicheAction.objects.for_collectivite(donnees_demo["commune"]).order_by("-pk").first()
    page.goto(f"/feuille-de-route/fiche/{fiche.pk}/")
    page.get_by_role("link", name="Retirer la fiche de la feuille de route").click()
    page.get_by_role("heading", level=1).wait_for()
    verifier(page)


def test_lignes_ajoutees_et_retirees_sur_place(se_connecter, page):
    se_connecter("agent@demo.test")
    page.goto("/referentiel/pratiques/a.1/")
    page.get_by_role("link", name="En faire une fiche action").click()
    page.get_by_label("Titre").fill("Réemployer les ordinateurs des écoles")
    page.get_by_label("Démarrage (mois)").fill("2025-09")
    page.get_by_label("Fin (mois)").fill("2026-06")
    page.get_by_label("Budget (€)").fill("1 000")
    adresse = page.url
    sous_actions = page.locator("fieldset[data-lignes='sous_actions']")
    lignes_avant = sous_actions.locator("tbody tr").count()
    sous_actions.get_by_role("button", name="Ajouter une ligne").click()
    assert page.url == adresse  # sur place, sans recharger
    assert sous_actions.locator("tbody tr").count() == lignes_avant + 1
    nouvelle = sous_actions.get_by_label("Action, nouvelle ligne")
    assert page.evaluate("document.activeElement.name") == nouvelle.get_attribute("name")
    nouvelle.fill("Collecter les postes réformés")
    sous_actions.get_by_label("Action, ligne 1").fill("Sous-action retirée ensuite")
    sous_actions.locator("tbody tr").first.get_by_role("button", name="Retirer").click()
    assert not sous_actions.locator("tbody tr").first.is_visible()
    page.mouse.move(0, 0)  # le bouton de la ligne suivante n'est plus survolé pendant l'examen
    verifier(page)
    page.get_by_role("button", name="Enregistrer la fiche").click()
    page.get_by_role("heading", level=1, name="Réemployer les ordinateurs des écoles").wait_for()
    fiche = FicheAction.objects.get(titre="Réemployer les ordinateurs des écoles")
    assert list(fiche.sous_actions.values_list("quoi", flat=True)) == [
        "Collecter les postes réformés"
    ]
