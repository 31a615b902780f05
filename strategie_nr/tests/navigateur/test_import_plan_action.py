"""Import d'un plan d'action existant dans un vrai navigateur, avec l'analyse d'accessibilité."""

import pytest

from strategie_nr.fiches.models import FicheAction

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur

PLAN = (
    "Titre;Axe;Responsable;Démarrage;Fin;Budget (€);Statut\n"
    "Réduire les impressions;2;agent@demo.test;03/2026;12/2026;2 500;À venir\n"
    "Ligne fautive;9;agent@demo.test;03/2026;12/2026;douze mille;\n"
).encode("utf-8-sig")


def test_le_referent_importe_les_lignes_valides_d_un_plan(se_connecter, page):
    se_connecter("referent@demo.test")
    page.goto("/feuille-de-route/")
    page.get_by_role("link", name="Importer un plan d'action existant (XLSX, CSV)").click()
    page.get_by_role("heading", level=1, name="Importer un plan d'action existant").wait_for()
    verifier(page)

    # Un fichier qui n'est pas un tableau : message clair, page accessible.
    page.get_by_label("Plan d'action (.xlsx, .ods ou .csv)").set_input_files(
        {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}
    )
    page.get_by_role("button", name="Analyser le fichier").click()
    assert page.get_by_text("n'est ni un classeur (.xlsx, .ods) ni un fichier .csv").is_visible()
    verifier(page)

    page.get_by_label("Plan d'action (.xlsx, .ods ou .csv)").set_input_files(
        {"name": "plan.csv", "mimeType": "text/csv", "buffer": PLAN}
    )
    page.get_by_role("button", name="Analyser le fichier").click()
    page.get_by_role("heading", level=1, name="Aperçu de l'import de « plan.csv »").wait_for()
    assert page.get_by_text("Ligne 3, colonne « Axe » : « 9 » n'est pas un axe REEN").is_visible()
    verifier(page)

    # Tout ou rien : sans choix explicite, rien n'est importé.
    page.get_by_role("button", name="Confirmer l'import").click()
    assert page.get_by_text("1 ligne est rejetée : rien n'a été importé.").is_visible()
    assert not FicheAction.objects.filter(titre="Réduire les impressions").exists()
    page.get_by_label("Importer seulement la ligne valide").check()
    page.get_by_role("button", name="Confirmer l'import").click()
    assert page.get_by_text("1 fiche action importée dans la version v2.").is_visible()
    assert FicheAction.objects.filter(titre="Réduire les impressions", version__numero=2).exists()
