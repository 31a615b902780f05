"""Documents pour les élus dans un vrai navigateur : un élu télécharge la stratégie en PDF."""

from pathlib import Path

import pytest

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur


def test_l_elu_telecharge_la_strategie_validee(se_connecter, executer_travaux):
    page = se_connecter("elu@demo.test")
    page.get_by_role("link", name="Documents").click()
    page.get_by_role("heading", level=1, name="Documents pour les élus").wait_for()
    verifier(page)

    with page.expect_download() as attente:
        page.get_by_role("link", name="PDF de la version v1").click()
    telechargement = attente.value
    contenu = Path(telechargement.path()).read_bytes()
    assert contenu.startswith(b"%PDF")
    assert telechargement.suggested_filename.endswith(".pdf")

    # Le projet en cours (v2) est préparé par le processus de tâches : la page de suivi se
    # met à jour toute seule et lance le téléchargement dès que le PDF est prêt.
    page.get_by_role("link", name="Télécharger la stratégie (projet) en PDF").click()
    page.get_by_text("Document en préparation").wait_for()
    verifier(page)
    with page.expect_download(timeout=60_000) as attente:
        executer_travaux()
    assert Path(attente.value.path()).read_bytes().startswith(b"%PDF")
    page.get_by_text("C'est prêt").wait_for()


def test_la_synthese_de_l_elu_se_lit_sur_un_telephone(se_connecter):
    page = se_connecter("elu@demo.test")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    page.get_by_role("heading", level=2, name="Synthèse pour les élus").wait_for()
    assert page.get_by_text("Chiffres clés").first.is_visible()
    verifier(page)
    # Rien ne déborde de l'écran : le tableau des chiffres défile dans son cadre.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_l_elu_telecharge_le_bilan_en_word(se_connecter, executer_travaux):
    from docx import Document

    page = se_connecter("elu@demo.test")
    page.goto("/documents/")
    page.get_by_role("link", name="Bilan 2025 en Word").click()
    page.get_by_text("Document en préparation").wait_for()
    with page.expect_download(timeout=60_000) as attente:
        executer_travaux()
    telechargement = attente.value
    assert telechargement.suggested_filename.endswith(".docx")
    document = Document(telechargement.path())
    assert document.core_properties.language == "fr-FR"
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
