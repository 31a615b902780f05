"""Commande `importer_parc` : comptes imprimés, essai, code de sortie."""

import io

import pytest
from django.core.management import CommandError, call_command

from parc.models import Equipement

from .outils import csv_glpi, exemple, ligne_glpi

pytestmark = pytest.mark.django_db


def importer(*arguments):
    sortie = io.StringIO()
    call_command("importer_parc", *arguments, stdout=sortie)
    return sortie.getvalue()


def test_import_puis_reimport(commune, tmp_path):
    fichier = tmp_path / "export_glpi.csv"
    fichier.write_bytes(exemple("export_glpi.csv"))
    sortie = importer(commune.code_officiel, str(fichier))
    assert "Créés : 40\nMis à jour : 0\nInchangés : 0\nRejetés : 0" in sortie
    assert "Colonnes ignorées : Système d'exploitation - Nom, Utilisateur, " in sortie
    sortie = importer(commune.code_officiel, str(fichier))
    assert "Créés : 0\nMis à jour : 0\nInchangés : 40\nRejetés : 0" in sortie
    assert Equipement.objects.for_collectivite(commune).count() == 40


def test_grille_anct_xlsx(commune, tmp_path):
    fichier = tmp_path / "grille.xlsx"
    fichier.write_bytes(exemple("grille_anct.xlsx"))
    # « 1. Ordinateurs » est ambigu (portable ou fixe ?) : la ligne est rejetée, le fichier aussi.
    with pytest.raises(CommandError, match="Fichier rejeté"):
        importer(commune.code_officiel, str(fichier))
    assert not Equipement.objects.exists()
    sortie = importer(commune.code_officiel, str(fichier), "--seulement-valides")
    assert "Créés : 15\nMis à jour : 0\nInchangés : 0\nRejetés : 1" in sortie
    assert "Ligne 6, colonne « Matériel » : « 1. Ordinateurs » n'est pas un type connu" in sortie
    assert sum(Equipement.objects.values_list("quantite", flat=True)) == 820 - 80


def test_essai_n_enregistre_rien(commune, tmp_path):
    fichier = tmp_path / "a.csv"
    fichier.write_bytes(csv_glpi([ligne_glpi(1), ligne_glpi(2)]))
    sortie = importer(commune.code_officiel, str(fichier), "--dry-run")
    assert "Créés : 2" in sortie and "rien n'a été enregistré" in sortie
    assert not Equipement.objects.exists()


def test_fichier_avec_erreur_code_de_sortie_non_nul_et_rien_d_importe(commune, tmp_path):
    fichier = tmp_path / "a.csv"
    fichier.write_bytes(csv_glpi([ligne_glpi(1), ligne_glpi(2, **{"Date d'achat": "hier"})]))
    sortie = io.StringIO()
    with pytest.raises(CommandError, match="rien n'a été importé"):
        call_command("importer_parc", commune.code_officiel, str(fichier), stdout=sortie)
    assert "Rejetés : 1" in sortie.getvalue()
    assert "Ligne 3, colonne « Date d'achat » : « hier » n'est pas une date" in sortie.getvalue()
    assert not Equipement.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["00000", "x.csv"], "Aucune collectivité n'a le code"),
        (["45999", "/inexistant/x.csv"], "Fichier introuvable"),
    ],
)
def test_arguments_errones(commune, arguments, message):
    with pytest.raises(CommandError, match=message):
        importer(*arguments)


def test_fichier_refuse(commune, tmp_path):
    fichier = tmp_path / "a.csv"
    fichier.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(CommandError, match="Fichier rejeté : Le fichier semble binaire"):
        importer(commune.code_officiel, str(fichier))


def test_fichier_trop_gros_refuse_sans_lecture(commune, tmp_path, monkeypatch):
    fichier = tmp_path / "gros.csv"
    with fichier.open("wb") as flux:
        flux.truncate(50 * 1024 * 1024)  # 50 Mo, creux : rien n'est écrit ni lu
    monkeypatch.setattr("pathlib.Path.read_bytes", lambda self: pytest.fail("fichier lu"))
    with pytest.raises(CommandError, match="dépasse la taille maximale de 20 Mo"):
        importer(commune.code_officiel, str(fichier))


def test_type_par_defaut_en_ligne_de_commande(commune, tmp_path):
    from . import glpi

    fichier = tmp_path / "ecrans.csv"
    fichier.write_bytes(glpi.export("ecrans", 80))
    with pytest.raises(CommandError, match="Rejetés|rien n'a été importé"):
        importer(commune.code_officiel, str(fichier))
    with pytest.raises(CommandError, match="Aucun type d'équipement ne s'appelle « Télé »"):
        importer(commune.code_officiel, str(fichier), "--type-par-defaut", "Télé")
    # Le libellé est reconnu sans égard à la casse ni aux accents.
    sortie = importer(commune.code_officiel, str(fichier), "--type-par-defaut", "ECRAN")
    assert "Créés : 80" in sortie
    assert Equipement.objects.for_collectivite(commune).filter(type__code="ecran").count() == 80
