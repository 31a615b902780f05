"""Diagnostic de maturité dans un vrai navigateur, avec l'analyse d'accessibilité de ses pages."""

import pytest

from strategie_nr.diagnostic.models import Campagne, Reponse, ReponseConsolidee

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur


def test_l_agent_repond_en_deux_fois_et_le_referent_consolide(page, se_connecter):
    se_connecter("agent@demo.test")
    page.get_by_role("link", name="Diagnostic", exact=True).click()
    page.get_by_role("heading", level=1, name="Diagnostic de maturité").wait_for()
    verifier(page)
    page.get_by_role("link", name="Répondre au questionnaire").click()
    page.get_by_role("heading", level=1, name="Questionnaire de maturité").wait_for()
    verifier(page)

    # Première séance : deux questions, puis on enregistre pour revenir plus tard.
    question = page.get_by_role("group", name="4.1.")
    question.get_by_label("3 — Intermédiaire").check()
    page.get_by_label("Commentaire sur la question 4.1").fill("Durée de vie cible : 5 ans")
    page.get_by_role("group", name="4.2.").get_by_label("Non concerné").check()
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_text("Vos réponses sont enregistrées").wait_for()

    page.goto("/")
    page.get_by_role("link", name="Diagnostic", exact=True).click()
    page.get_by_role("link", name="Répondre au questionnaire").click()
    assert page.get_by_role("group", name="4.1.").get_by_label("3 — Intermédiaire").is_checked()
    assert page.get_by_label("Commentaire sur la question 4.1").input_value() == (
        "Durée de vie cible : 5 ans"
    )
    page.get_by_role("group", name="4.3.").get_by_label("2 — Émergent").check()
    page.get_by_role("button", name="Enregistrer et voir les résultats").click()
    page.get_by_role("heading", level=2, name="Note de maturité par dimension").wait_for()
    verifier(page)
    ouverte = Campagne.objects.get(titre="Réévaluation 2025")
    assert Reponse.objects.filter(campagne=ouverte, question__dimension__numero=4).count() == 3

    # Le référent consolide : s'écarter de la moyenne sans raison est refusé, puis accepté.
    page.get_by_role("button", name="Se déconnecter").click()
    se_connecter("referent@demo.test")
    page.goto(f"/diagnostic/campagne/{ouverte.pk}/consolider/")
    page.get_by_role("heading", level=1, name="Consolider les réponses").wait_for()
    page.get_by_role("group", name="4.1.").get_by_label("5 — Maximum").check()
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_text("Question 4.1 : indiquez la raison").wait_for()
    verifier(page)
    assert not ReponseConsolidee.objects.filter(campagne=ouverte).exists()
    assert page.get_by_role("group", name="4.1.").get_by_label("5 — Maximum").is_checked()
    page.get_by_label("Raison de l'écart avec la moyenne (question 4.1)").fill(
        "Plan de maintenance adopté en atelier"
    )
    page.get_by_role("button", name="Enregistrer et voir les résultats").click()
    page.get_by_text("Consolidation enregistrée").wait_for()
    assert (
        ReponseConsolidee.objects.get(
            campagne=ouverte, question__dimension__numero=4, question__ordre=1
        ).niveau
        == 5
    )
