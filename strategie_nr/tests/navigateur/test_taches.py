"""« Mes tâches » dans un vrai navigateur : de la liste du tableau de bord à la page à remplir."""

import pytest

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur


def test_l_agent_part_de_ses_taches(se_connecter, page):
    se_connecter("agent@demo.test")
    taches = page.get_by_role("region", name="Mes tâches")
    taches.wait_for()
    verifier(page)
    page.screenshot(path="/tmp/mes_taches.png")
    taches.get_by_role("link", name="Répondre au questionnaire").click()
    page.get_by_role("heading", level=1, name="Questionnaire de maturité").wait_for()


def test_l_elu_trouve_ses_documents(se_connecter, page):
    se_connecter("elu@demo.test")
    assert page.get_by_role("region", name="Mes tâches").count() == 0
    page.get_by_role("region", name="Pour vous").get_by_role(
        "link", name="Télécharger la stratégie et les bilans (PDF)"
    ).click()
    page.get_by_role("heading", level=1, name="Documents pour les élus").wait_for()
    verifier(page)
