"""Le moteur de tableurs et le lecteur de nombres : un seul comportement pour tout le projet."""

import io
import tracemalloc
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategie_nr.plateforme import tableurs
from strategie_nr.plateforme.nombres import NombreInvalide, lire_nombre
from strategie_nr.plateforme.tableurs import FichierRefuse, Limites

from .fichiers_hostiles import ods, xlsx_cellules, xlsx_etendue

# --- Nombres -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "texte", ["1 234,5", "1234.5", "1.234,5", "1 234,50 €", "1,234.5", "1\u202f234,5", "1234,5"]
)
def test_un_nombre_s_ecrit_de_plusieurs_facons_et_se_lit_pareil(texte):
    assert lire_nombre(texte) == Decimal("1234.5")


@pytest.mark.parametrize("texte", ["", "abc", "1,2,3", "1.2.3,4,5", "12 % 3", "1e5", "--1", "1/2"])
def test_ce_qui_n_est_pas_un_nombre_est_refuse(texte):
    with pytest.raises(NombreInvalide, match="n'est pas un nombre"):
        lire_nombre(texte)


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2),
    st.sampled_from(["fr", "fr_point", "en", "brut", "euros"]),
)
def test_propriete_quelle_que_soit_l_ecriture(nombre, ecriture):
    entier, _, decimales = f"{nombre:.2f}".partition(".")
    groupes = f"{int(entier):,}"
    texte = {
        "fr": groupes.replace(",", " ") + "," + decimales,
        "fr_point": groupes.replace(",", ".") + "," + decimales,
        "en": groupes + "." + decimales,
        "brut": entier + "." + decimales,
        "euros": groupes.replace(",", "\u202f") + "," + decimales + " €",
    }[ecriture]
    assert lire_nombre(texte) == nombre


def test_les_pages_et_les_imports_lisent_pareil():
    from indicateurs.nombres import lire_nombre as lire_indicateur
    from parc.importation.lecture import convertir_nombre
    from strategie_nr.fiches.importation import convertir_nombre as convertir_fiche

    for texte in ["1 234,5", "1234.5", "1.234,5", "1 234,50 €", "1,234.5"]:
        assert lire_indicateur(texte) == convertir_nombre(texte) == Decimal("1234.5")
        assert convertir_fiche(texte) == Decimal("1234.50")


# --- Formules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "valeur",
    ["=1+1", "+cmd", "-2+3", "- 2+3", "@SUM(A1)", "\t=1", "\r=1", '  =HYPERLINK("x")', "-cmd|x"],
)
def test_formules_neutralisees_a_l_export_et_refusees_a_l_import(valeur):
    assert tableurs.neutraliser(valeur) == "'" + valeur
    assert tableurs.ressemble_a_une_formule(valeur)


@pytest.mark.parametrize("valeur", ["-5", "- 3,5", "+33", "-", "- vérifier le contrat"])
def test_valeurs_ordinaires_acceptees_a_l_import_mais_neutralisees_a_l_export(valeur):
    assert not tableurs.ressemble_a_une_formule(valeur)
    assert tableurs.neutraliser(valeur) == "'" + valeur


def test_l_ecrivain_xlsx_neutralise_et_formate():
    octets = tableurs.classeur_xlsx(
        [("Parc", [tableurs.Colonne("Date", "DD/MM/YYYY"), "Texte"], [[None, "- 2+3"]])]
    )
    feuille = openpyxl.load_workbook(io.BytesIO(octets)).active
    assert [c.value for c in feuille[2]] == [None, "'- 2+3"]
    assert feuille.freeze_panes == "A2"


# --- Lecture -----------------------------------------------------------------------------------


def lignes(nom, contenu, **limites):
    classeur = tableurs.ouvrir(nom, contenu, limites=Limites.reglages(**limites))
    return [ligne for feuille in classeur.feuilles for ligne in feuille.lignes]


def test_ods_lu_comme_un_xlsx():
    contenu = ods([["Type", "Prix"], ["Écran", 149.9], [None, "Dell"]])
    assert lignes("inventaire.ods", contenu) == [
        (1, ["Type", "Prix"]),
        (2, ["Écran", 149.9]),
        (3, [None, "Dell"]),
    ]


def test_xlsx_lu_avec_les_numeros_de_ligne_du_tableur():
    classeur = openpyxl.Workbook()
    classeur.active["B3"] = "Type"
    classeur.active["B4"] = "Écran"
    tampon = io.BytesIO()
    classeur.save(tampon)
    assert lignes("a.xlsx", tampon.getvalue())[-2:] == [
        (3, [None, "Type"]),
        (4, [None, "Écran"]),
    ]


# --- Fichiers piégés : refusés avant d'être lus ------------------------------------------------


@pytest.fixture
def lecteur_interdit(monkeypatch):
    """Le lecteur de classeurs ne doit même pas être appelé."""

    def interdit(*args, **kwargs):
        raise AssertionError("le classeur a été ouvert avant la vérification de ses limites")

    monkeypatch.setattr("python_calamine.CalamineWorkbook.from_filelike", interdit)


def test_deux_millions_de_cellules_en_quelques_ko_refuses_avant_lecture(lecteur_interdit):
    contenu = xlsx_cellules(2_000_100)
    assert len(contenu) < 200_000
    tracemalloc.start()
    with pytest.raises(FichierRefuse, match="dépasse le nombre de cellules"):
        tableurs.ouvrir("bombe.xlsx", contenu)
    pic = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert pic < 100 * 1024 * 1024


def test_une_cellule_au_bout_de_la_feuille_refusee(lecteur_interdit):
    with pytest.raises(FichierRefuse, match="dépasse le nombre de lignes"):
        tableurs.ouvrir("etendue.xlsx", xlsx_etendue())
    with pytest.raises(FichierRefuse, match="dépasse le nombre de cellules"):
        tableurs.ouvrir("etendue.xlsx", xlsx_etendue("XFD1000"))


def test_lignes_ods_repetees_pleines_refusees_vides_acceptees(lecteur_interdit):
    piege = (
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell>'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    with pytest.raises(FichierRefuse, match="dépasse le nombre de lignes"):
        tableurs.ouvrir("piege.ods", ods([["Type"]], brut=piege))
    # Les lignes vides répétées qu'ajoute LibreOffice ne comptent pas.
    tableurs.verifier_archive(ods([["Type"], ["Écran"]]), "ODS", Limites.reglages())


def test_taille_decompressee_limitee(settings, lecteur_interdit):
    settings.TABLEURS_DECOMPRESSE_MAX = 1024 * 1024
    with pytest.raises(FichierRefuse, match="une fois décompressé, il occupe plus de 1 Mo"):
        tableurs.ouvrir("gros.xlsx", xlsx_cellules(200_000))


def test_csv_trop_de_lignes_refuse_en_lisant(settings):
    settings.TABLEURS_LIGNES_MAX = 10
    with pytest.raises(FichierRefuse, match="dépasse le nombre de lignes"):
        lignes("a.csv", b"Type\n" + b"Ecran\n" * 20)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3_000), st.sampled_from(["a.csv", "a.xlsx", "a.ods"]))
def test_octets_quelconques_lus_ou_refuses_proprement(donnees, nom):
    try:
        lignes(nom, donnees)
    except FichierRefuse as refus:
        assert refus.message


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=5), min_size=1, max_size=8),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    st.sampled_from([";", ",", "\t"]),
)
def test_csv_quelconques_dans_tous_les_encodages(cellules, encodage, separateur):
    import csv

    tampon = io.StringIO(newline="")
    csv.writer(tampon, delimiter=separateur).writerows(cellules)
    try:
        octets = tampon.getvalue().encode(encodage)
    except UnicodeEncodeError:
        return
    try:
        lignes("a.csv", octets)
    except FichierRefuse as refus:
        assert refus.message
