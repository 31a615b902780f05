"""Pièces justificatives et discussion d'une fiche, dans un vrai navigateur (avec l'analyse
d'accessibilité et la largeur d'un téléphone)."""

import pytest
from django.core import mail

from strategie_nr.fiches.models import FicheAction
from strategie_nr.pieces.demo import pdf_une_page
from strategie_nr.pieces.models import PieceJustificative

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur


def test_l_agent_joint_une_facture_et_mentionne_la_referente(
    se_connecter, donnees_demo, executer_travaux, tmp_path
):
    page = se_connecter("agent@demo.test")
    agent = donnees_demo["membres"]["agent@demo.test"]
    fiche = (
        FicheAction.objects.for_collectivite(donnees_demo["commune"])
        .filter(responsable=agent)
        .order_by("-version__numero", "pk")
        .first()
    )
    page.goto(f"/feuille-de-route/fiche/{fiche.pk}/")
    page.get_by_label("Votre commentaire").fill("@referent la facture est jointe <b>ici</b>")
    page.get_by_role("button", name="Envoyer le commentaire").click()
    page.get_by_text("prévenu par e-mail").wait_for()
    assert page.get_by_text("@referent la facture est jointe <b>ici</b>").is_visible()
    verifier(page)

    facture = tmp_path / "Facture reconditionnés.pdf"
    facture.write_bytes(pdf_une_page("Facture", ["10 ordinateurs reconditionnés"]))
    page.get_by_role("link", name="Joindre une pièce justificative").click()
    page.get_by_role("heading", level=1).wait_for()
    verifier(page)
    page.get_by_label("Fichier").set_input_files(str(facture))
    page.get_by_label("Nature de la pièce").select_option(label="Facture")
    page.get_by_role("button", name="Joindre la pièce").click()
    page.get_by_text("La pièce « Facture reconditionnés.pdf » est jointe").wait_for()
    assert page.get_by_role("link", name="Facture reconditionnés.pdf", exact=True).is_visible()
    assert PieceJustificative.objects.filter(fiche=fiche).count() == 1

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    executer_travaux()
    assert [m.to for m in mail.outbox] == [["referent@demo.test"]]


def test_version_validee_ses_pieces_conservees(se_connecter, donnees_demo):
    page = se_connecter("referent@demo.test")
    version = donnees_demo["version_validee_demo"]
    page.goto(f"/feuille-de-route/version/{version.pk}/")
    assert page.get_by_text("conservées avec elle pour toujours").is_visible()
    assert page.get_by_role("link", name="Délibération stratégie numérique responsable.pdf")
    verifier(page)
