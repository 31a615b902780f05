"""Indicateurs dans un vrai navigateur, avec l'analyse d'accessibilité de leurs pages."""

import pytest

from indicateurs.models import Valeur

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur


def test_l_agent_saisit_une_valeur_de_son_indicateur(page, se_connecter, donnees_demo):
    suivi = donnees_demo["indicateur_suivi_demo"]  # dons de matériels, responsable : l'agent
    se_connecter("agent@demo.test")
    page.get_by_role("link", name="Indicateurs", exact=True).click()
    page.get_by_role("heading", level=1, name="Indicateurs et objectifs").wait_for()
    verifier(page)
    page.locator(f"#indicateur-{suivi.pk}").get_by_role(
        "link", name=suivi.definition.libelle
    ).click()
    page.get_by_role("heading", level=2, name="Cibles et valeurs par année").wait_for()
    verifier(page)
    page.get_by_role("link", name="Saisir une valeur", exact=True).click()

    # Une valeur impossible : message clair, la saisie reste dans le champ.
    page.get_by_label("Année").fill("2025")
    page.get_by_label("Valeur mesurée").fill("-12")
    page.get_by_label("Source").fill("Conventions de don")
    page.get_by_role("button", name="Enregistrer la valeur").click()
    page.get_by_text("Cette valeur ne peut pas être négative.").wait_for()
    assert page.get_by_label("Valeur mesurée").input_value() == "-12"
    assert page.get_by_label("Source").input_value() == "Conventions de don"
    verifier(page)

    # 2025 a déjà une valeur : elle n'est remplacée que si on le demande.
    page.get_by_label("Valeur mesurée").fill("1 130")
    page.get_by_role("button", name="Enregistrer la valeur").click()
    page.get_by_text("Une valeur est déjà enregistrée pour 2025 (121)").wait_for()
    assert Valeur.objects.get(suivi=suivi, annee=2025).valeur == 121
    page.get_by_label("Remplacer la valeur déjà enregistrée").check()
    page.get_by_role("button", name="Enregistrer la valeur").click()
    page.get_by_text("Valeur 2025 enregistrée.").wait_for()
    assert Valeur.objects.get(suivi=suivi, annee=2025).valeur == 1130
    # L'historique commun : le champ, sa valeur avant et après.
    changement = page.locator("li", has_text="valeur 2025").first
    assert changement.is_visible()
    assert "121" in changement.inner_text() and "1\u202f130" in changement.inner_text()
