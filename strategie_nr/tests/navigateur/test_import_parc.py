"""Import du parc dans un vrai navigateur : dépôt, aperçu (avec erreurs), confirmation."""

import pytest

from parc.importation.services import DOSSIER_EXEMPLES

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur


def lignes_d_inventaire(page) -> int:
    """Le nombre affiché par la liste du parc (« 2 511 lignes d'inventaire »)."""
    legende = page.locator("caption").inner_text()
    return int("".join(c for c in legende.split("lignes")[0] if c.isdigit()))


def equipements_presents(page) -> int:
    """Le nombre annoncé par le tableau de bord du parc (« 1 366 équipements présents… »)."""
    page.goto("/parc/tableau-de-bord/")
    texte = page.get_by_text("présents fin").first.inner_text()
    return int("".join(c for c in texte.split("équipement")[0] if c.isdigit()))


def deposer(page, nom, contenu: bytes, type_mime="text/csv"):
    page.get_by_label("Fichier d'inventaire (CSV, XLSX ou ODS)").set_input_files(
        files=[{"name": nom, "mimeType": type_mime, "buffer": contenu}]
    )
    page.get_by_role("button", name="Voir l'aperçu").click()
    page.get_by_role("heading", level=1).wait_for()


def test_page_d_import_et_fichier_refuse(se_connecter):
    page = se_connecter("agent@demo.test")
    page.goto("/parc/import/")
    verifier(page)

    # Un fichier qui n'est pas un tableau : message clair lié au champ, page accessible.
    deposer(page, "photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(300))
    assert page.get_by_text("Le fichier semble binaire").is_visible()
    champ = page.get_by_label("Fichier d'inventaire (CSV, XLSX ou ODS)")
    assert champ.get_attribute("aria-invalid") == "true"
    verifier(page)


def test_un_agent_importe_l_export_glpi(se_connecter):
    from parc.models import Equipement

    page = se_connecter("agent@demo.test")
    avant = Equipement.objects.count()
    presents_avant = equipements_presents(page)
    page.goto("/parc/")
    lignes_avant = lignes_d_inventaire(page)
    page.get_by_role("link", name="Importer").click()
    page.get_by_role("heading", level=1, name="Importer un inventaire du parc").wait_for()

    deposer(page, "export_glpi.csv", (DOSSIER_EXEMPLES / "export_glpi.csv").read_bytes())
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Aperçu de l'import de « export_glpi.csv »"
    )
    assert page.locator("#a-creer").inner_text() == "40"
    assert page.locator("#rejetees").inner_text() == "0"
    verifier(page)
    assert Equipement.objects.count() == avant  # rien avant la confirmation

    # L'aperçu montre les lignes elles-mêmes, avec la colonne d'où vient chaque valeur.
    assert page.locator("#lignes-apercu tbody tr").count() == 40
    page.get_by_role("button", name="Importer 40 lignes").click()
    page.get_by_text(
        "40 équipements ont été créés, 0 mis à jour, 0 inchangé, 0 ligne rejetée."
    ).wait_for()
    assert Equipement.objects.count() == avant + 40
    # Retour sur la liste du parc : le nombre de lignes d'inventaire a changé.
    assert lignes_d_inventaire(page) == lignes_avant + 40
    # Et le tableau de bord du parc les compte.
    assert equipements_presents(page) == presents_avant + 40


def test_apercu_avec_erreurs_et_correspondances(se_connecter):
    page = se_connecter("referent@demo.test")
    page.goto("/parc/import/")
    contenu = (
        "Matériel;Quantité;Marque;Modèle;Année;Statut\n"
        "1. Ordinateurs;80;HP;ProDesk 400 G7;2019;En service\n"
        "Écrans;douze;Dell;P2422H;2021;En service\n"
        "Tablettes;5;Samsung;=cmd|' /C calc'!A0;2022;Prêté\n"
    ).encode("cp1252")
    deposer(page, "grille.csv", contenu)
    assert page.locator("#rejetees").inner_text() == "3"
    assert page.get_by_text(
        "Ligne 3, colonne « Quantité » : « douze » n'est pas un nombre"
    ).is_visible()
    assert page.get_by_text("ressemble à une formule de tableur").is_visible()
    verifier(page)

    # Tel quel, rien n'est importé ; la correspondance choisie une fois est retenue.
    page.get_by_label("Type d'équipement « 1. Ordinateurs » (1 ligne)").select_option(
        label="Ordinateur fixe (unité centrale)"
    )
    page.get_by_role("button", name="Enregistrer les correspondances").click()
    page.get_by_text("1 correspondance enregistrée").wait_for()
    assert page.locator("#rejetees").inner_text() == "2"
    assert page.locator("#a-creer").inner_text() == "1"
    # Le bouton dit exactement ce qui sera fait : les lignes en erreur restent de côté.
    page.get_by_role(
        "button", name="Importer 1 ligne ; 2 lignes en erreur ne seront pas importées"
    ).click()
    page.get_by_text(
        "1 équipement a été créé, 0 mis à jour, 0 inchangé, 2 lignes rejetées."
    ).wait_for()
