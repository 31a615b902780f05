"""Navigateur réel (Chromium de Debian piloté par Playwright) contre le serveur de test."""

import os

import pytest

from collectivites.demo import MOT_DE_PASSE

from .chromium import ARGUMENTS, CHROMIUM


@pytest.fixture(scope="session")
def navigateur():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Chromium est absent : .ci/run doit installer le paquet Debian chromium.")
        pytest.skip("Chromium (paquet Debian « chromium ») est absent : tests navigateur ignorés.")
    from playwright.sync_api import sync_playwright

    # Playwright (API synchrone) tourne dans une boucle asyncio : l'ORM doit l'accepter.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        navigateur = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        yield navigateur
        navigateur.close()


@pytest.fixture
def donnees_demo(transactional_db):
    from strategie_nr.demo import demo_charger
    from strategie_nr.referentiel.services import referentiel_charger

    referentiel_charger()
    return demo_charger()


@pytest.fixture
def page(navigateur, live_server, donnees_demo):
    contexte = navigateur.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    contexte.set_default_timeout(15_000)
    page = contexte.new_page()
    yield page
    contexte.close()


@pytest.fixture
def se_connecter(page):
    def connecter(email: str):
        page.goto("/connexion/")
        page.get_by_label("Adresse e-mail").fill(email)
        page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url("**/")
        return page

    return connecter
