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
    page.get_by_role("link", name="4. Transformation du numérique").click()

    # Première séance : deux questions, puis on enregistre pour revenir plus tard.
    question = page.get_by_role("group", name="4.1.")
    question.get_by_label("3 — Intermédiaire").check()
    page.get_by_label("Commentaire sur la question 4.1").fill("Durée de vie cible : 5 ans")
    page.get_by_role("group", name="4.2.").get_by_label("Non concerné").check()
    # Quitter sans enregistrer demande confirmation ; rester garde la saisie.
    dialogues = []
    page.once("dialog", lambda dialogue: (dialogues.append(dialogue.type), dialogue.dismiss()))
    page.get_by_role("link", name="Tableau de bord").click()
    page.wait_for_timeout(300)
    assert dialogues == ["beforeunload"]
    assert page.get_by_role("group", name="4.1.").get_by_label("3 — Intermédiaire").is_checked()
    page.get_by_role("button", name="Enregistrer et rester ici").click()
    page.get_by_text("Vos réponses sont enregistrées").wait_for()

    page.goto("/")
    page.get_by_role("link", name="Diagnostic", exact=True).click()
    page.get_by_role("link", name="Répondre au questionnaire").click()
    page.get_by_role("link", name="4. Transformation du numérique").click()
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
    assert page.evaluate("document.activeElement.id") == "resume-erreurs"
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


def test_le_referent_consolide_puis_clot_sans_rien_perdre_et_rouvre(page, se_connecter):
    se_connecter("referent@demo.test")
    ouverte = Campagne.objects.get(titre="Réévaluation 2025")
    page.goto(f"/diagnostic/campagne/{ouverte.pk}/consolider/")
    page.get_by_role("group", name="2.1.").get_by_label("4 — Avancé").check()
    page.get_by_label("Raison de l'écart avec la moyenne (question 2.1)").fill("Atelier du 3 mars")
    page.get_by_role("button", name="Enregistrer puis clore la campagne…").click()
    page.get_by_role("heading", level=1, name="Clore la campagne « Réévaluation 2025 » ?").wait_for(
        state="visible"
    )
    verifier(page)
    consolidee = ReponseConsolidee.objects.get(
        campagne=ouverte, question__dimension__numero=2, question__ordre=1
    )
    assert (consolidee.niveau, consolidee.raison) == (4, "Atelier du 3 mars")
    page.get_by_text("Ce qui manque encore").wait_for()
    assert Campagne.objects.get(pk=ouverte.pk).ouverte
    page.get_by_role("button", name="Clore la campagne").click()
    page.get_by_text("Résultats définitifs").wait_for()
    assert not Campagne.objects.get(pk=ouverte.pk).ouverte
    verifier(page)

    page.get_by_role("link", name="Rouvrir la campagne…").click()
    page.get_by_role("button", name="Rouvrir la campagne").click()
    page.get_by_text("Indiquez la raison de la réouverture.").first.wait_for()
    assert page.evaluate("document.activeElement.id") == "resume-erreurs"
    verifier(page)
    page.get_by_label("Raison de la réouverture").fill("Le service des sports n'a pas répondu")
    page.get_by_role("button", name="Rouvrir la campagne").click()
    page.get_by_text("Le service des sports n'a pas répondu").wait_for()
    assert Campagne.objects.get(pk=ouverte.pk).ouverte
