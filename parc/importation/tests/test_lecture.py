"""Lecture des fichiers d'inventaire : formats, en-têtes, valeurs, fichiers piégés."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from parc.importation import lecture
from parc.importation.lecture import (
    Choix,
    DateLue,
    FichierRefuse,
    ValeurInvalide,
    convertir_date,
    convertir_montant,
    convertir_nombre,
    convertir_quantite,
    ouvrir,
    reconnaitre_colonnes,
)

from .outils import choix_hors_base

ENTETES_GLPI = (
    "Nom;Statut;Fabricant;Modèle;Numéro de série;Numéro d'inventaire;Type;Lieu;Date d'achat"
)


def lire(nom, donnees: bytes, choix=None):
    tableau = ouvrir(nom, io.BytesIO(donnees))
    colonnes = reconnaitre_colonnes(tableau.entetes)
    return (
        tableau,
        colonnes,
        list(lecture.lire_lignes(tableau, colonnes, choix or choix_hors_base())),
    )


def xlsx(lignes, titre="Inventaire", avant=None) -> bytes:
    classeur = openpyxl.Workbook()
    if avant:
        classeur.active.title = avant
        classeur.active.append(["Mode d'emploi : remplissez la feuille suivante."])
        feuille = classeur.create_sheet(titre)
    else:
        feuille = classeur.active
        feuille.title = titre
    for ligne in lignes:
        feuille.append(ligne)
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


# --- Encodages et séparateurs -------------------------------------------------------------------


@pytest.mark.parametrize(
    "encodage", ["utf-8", "utf-8-sig", "cp1252", "utf-16"], ids=["utf8", "bom", "win1252", "utf16"]
)
@pytest.mark.parametrize("separateur", [";", ",", "\t"])
def test_csv_glpi_dans_tous_les_encodages_et_separateurs(encodage, separateur):
    texte = (
        ENTETES_GLPI.replace(";", separateur)
        + "\r\n"
        + separateur.join(
            [
                "PC-Mairie-001",
                "En service",
                "Dell",
                "Latitude 5420",
                "5CG1234XYZ",
                "INV-2023-0001",
                "Portable",
                "Hôtel de ville",
                "31-12-2023 14:05",
            ]
        )
        + "\r\n"
    )
    tableau, colonnes, lignes = lire("export.csv", texte.encode(encodage))
    assert tableau.format == "CSV"
    assert colonnes.ignorees == []
    [ligne] = lignes
    assert ligne.valide, ligne.erreurs
    assert ligne.numero == 2
    assert ligne.valeurs == {
        "nom": "PC-Mairie-001",  # le nom de l'actif, gardé et cherchable
        "statut": "en_service",
        "marque": "Dell",
        "modele": "Latitude 5420",
        "numero_serie": "5CG1234XYZ",
        "numero_inventaire": "INV-2023-0001",
        "type": "ordinateur-portable",
        "site": "Hôtel de ville",
        "date_acquisition": DateLue(datetime.date(2023, 12, 31)),
    }


def test_windows_1252_garde_les_accents_et_l_euro():
    texte = "Type;Lieu;Prix d'achat\nÉcran;Salle des fêtes;1 234,50 €\n"
    _, _, [ligne] = lire("a.csv", texte.encode("cp1252"))
    assert ligne.valeurs == {
        "type": "ecran",
        "site": "Salle des fêtes",
        "prix_achat_ht": Decimal("1234.50"),
    }


def test_champs_entre_guillemets_avec_separateur_et_retour_a_la_ligne():
    texte = 'Type;Modèle;Site\nPortable;"Latitude; 5420";"deux\nlignes"\nÉcran;P2422H;\n'
    _, _, lignes = lire("a.csv", texte.encode())
    assert [ligne.valeurs.get("modele") for ligne in lignes] == ["Latitude; 5420", "P2422H"]
    assert lignes[0].valeurs["site"] == "deux lignes"


# --- En-têtes -----------------------------------------------------------------------------------


def test_entetes_reconnus_par_le_nom_sans_accents_casse_ni_espaces():
    colonnes = reconnaitre_colonnes(
        [
            "  NUMERO DE SERIE ",
            "modele",
            "Date d’achat",
            "Fabricant",
            "Informations financières et administratives - Date d'achat",
            "Colonne perso",
            "",
            None,
            "Marque",
        ]
    )
    assert [(i, champ) for i, champ, _ in colonnes.reconnues] == [
        (0, "numero_serie"),
        (1, "modele"),
        (2, "date_acquisition"),
        (3, "marque"),
    ]
    assert colonnes.ignorees == [
        "Informations financières et administratives - Date d'achat (en double)",
        "Colonne perso",
        "Marque (en double)",
    ]


def test_prefixe_de_groupe_glpi():
    colonnes = reconnaitre_colonnes(
        [
            "Système d'exploitation - Nom",
            "Informations financières et administratives - Date d'achat",
            "Informations financières et administratives - Valeur",
        ]
    )
    assert [champ for _, champ, _ in colonnes.reconnues] == ["date_acquisition", "prix_achat_ht"]
    assert colonnes.ignorees == ["Système d'exploitation - Nom"]


def test_colonnes_dans_un_autre_ordre_et_colonnes_inconnues_signalees():
    texte = "Utilisateur;Modèle;Système d'exploitation;Type\njdupont;Latitude;Windows 11;Portable\n"
    _, colonnes, [ligne] = lire("a.csv", texte.encode())
    assert colonnes.ignorees == ["Utilisateur", "Système d'exploitation"]
    assert ligne.valeurs == {"modele": "Latitude", "type": "ordinateur-portable"}


def test_grille_anct_en_xlsx_avec_titre_et_feuille_d_explications():
    donnees = xlsx(
        [
            ["Inventaire du parc informatique — 2024"],
            [],
            ["Matériel", "Quantité", "Marque", "Modèle", "Année", "Usage", "Statut"],
            [
                "1. Ordinateurs portables",
                30,
                "Lenovo",
                "ThinkPad T14",
                2021,
                "Individuel",
                "En service",
            ],
            ["6. Projcteurs", "2", "Epson", "EB-W49", "2019", "Partagé", "en stock"],
            ["4. Imprimantes", None, None, None, None, None, None],
            [None, None, None, None, None, None, None],
            ["Appareils photo", "1", "Canon", "", datetime.datetime(2018, 5, 3), "Bureautique", ""],
        ],
        avant="Mode d'emploi",
    )
    tableau, colonnes, lignes = lire("grille.xlsx", donnees)
    assert tableau.format == "XLSX"
    assert tableau.feuille == "Inventaire"
    assert tableau.ligne_entetes == 3
    assert not colonnes.ignorees
    assert [ligne.numero for ligne in lignes] == [4, 5, 6, 8]
    assert lignes[0].valeurs == {
        "type": "ordinateur-portable",
        "quantite": 30,
        "marque": "Lenovo",
        "modele": "ThinkPad T14",
        "date_acquisition": DateLue(datetime.date(2021, 1, 1), annee_seule=True),
        "mutualise": False,
        "statut": "en_service",
    }
    assert lignes[1].valeurs["type"] == "videoprojecteur"
    assert lignes[1].valeurs["mutualise"] is True
    assert lignes[1].valeurs["statut"] == "en_stock"
    assert lignes[3].valeurs["type"] == "appareil-photo"
    assert lignes[3].valeurs["date_acquisition"] == DateLue(datetime.date(2018, 5, 3))
    assert lignes[3].valide
    assert lignes[3].avertissements == [
        "Ligne 8, colonne « Usage » : « Bureautique » n'est pas un usage reconnu "
        "(individuel ou mutualisé) : ignoré."
    ]


def test_valeurs_de_type_et_statut_inconnues_a_faire_correspondre():
    texte = "Type;Statut\nOrdinateurs;Prêté à l'école\nTruc;En service\n"
    _, _, lignes = lire("a.csv", texte.encode())
    assert lignes[0].inconnues == {"type": "Ordinateurs", "statut": "Prêté à l'école"}
    assert not lignes[0].valide
    choix = choix_hors_base()
    choix.ajouter("type", "Ordinateurs", "ordinateur-fixe")
    choix.ajouter("statut", "prete a l ecole", "en_service")
    _, _, lignes = lire("a.csv", texte.encode(), choix)
    assert lignes[0].valeurs == {"type": "ordinateur-fixe", "statut": "en_service"}
    assert lignes[1].inconnues == {"type": "Truc"}


def test_listes_de_l_application_restreignent_les_synonymes():
    choix = choix_hors_base({"statut": {"en_service": "En service", "reforme": "Réformé"}})
    assert choix.trouver("statut", "RÉFORMÉ") == "reforme"
    assert choix.trouver("statut", "en_service") == "en_service"
    assert choix.trouver("statut", "En stock") is None


# --- Valeurs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("31/12/2023", DateLue(datetime.date(2023, 12, 31))),
        ("31-12-2023 14:05", DateLue(datetime.date(2023, 12, 31))),
        ("1/2/2023", DateLue(datetime.date(2023, 2, 1))),
        ("31.12.2023", DateLue(datetime.date(2023, 12, 31))),
        ("31/12/23", DateLue(datetime.date(2023, 12, 31))),
        ("2023", DateLue(datetime.date(2023, 1, 1), annee_seule=True)),
        ("2023-12-31", DateLue(datetime.date(2023, 12, 31))),
        ("2023-12-31T14:05:00", DateLue(datetime.date(2023, 12, 31))),
        ("2023-12-31 14:05:00+01:00", DateLue(datetime.date(2023, 12, 31))),
        ("12/2023", DateLue(datetime.date(2023, 12, 1))),
        ("45291", DateLue(datetime.date(2023, 12, 31))),
        (45291.0, DateLue(datetime.date(2023, 12, 31))),
        (2019, DateLue(datetime.date(2019, 1, 1), annee_seule=True)),
        (datetime.datetime(2020, 3, 4, 10, 0), DateLue(datetime.date(2020, 3, 4))),
        (datetime.date(2020, 3, 4), DateLue(datetime.date(2020, 3, 4))),
    ],
)
def test_dates_acceptees(texte, attendu):
    assert convertir_date(texte) == attendu


@pytest.mark.parametrize("texte", ["31/02/2023", "hier", "2023-13-01", "1850", "3000", "12", "0"])
def test_dates_refusees(texte):
    with pytest.raises(ValeurInvalide):
        convertir_date(texte)


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("1 234,5", "1234.5"),
        ("1\u202f234,50 €", "1234.50"),
        ("1\u00a0234", "1234"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1234.5", "1234.5"),
        ("1.234.567", "1234567"),
        ("0,8 kg", "0.8"),
        ("-5", "-5"),
        (12, "12"),
        (0.1, "0.1"),
    ],
)
def test_nombres_a_la_francaise(texte, attendu):
    assert convertir_nombre(texte) == Decimal(attendu)


@pytest.mark.parametrize("texte", ["abc", "1,2,3", "1.2.3,4,5", "", "1e5", "NaN", "12 34,5,6"])
def test_nombres_refuses(texte):
    with pytest.raises(ValeurInvalide):
        convertir_nombre(texte)


def test_quantite_et_montant():
    assert convertir_quantite("30") == 30
    assert convertir_quantite("2,0") == 2
    assert convertir_montant("12,345") == Decimal("12.35")
    for mauvais in ("0", "-1", "1,5"):
        with pytest.raises(ValeurInvalide):
            convertir_quantite(mauvais)
    with pytest.raises(ValeurInvalide):
        convertir_montant("-3")


def test_erreurs_par_ligne_nomment_ligne_colonne_et_valeur():
    texte = "Type;Quantité;Date d'achat;Prix HT;Origine\nÉcran;zéro;31/02/2023;douze;volé\n"
    _, _, [ligne] = lire("a.csv", texte.encode())
    assert ligne.erreurs == [
        "Ligne 2, colonne « Quantité » : « zéro » n'est pas un nombre (exemple attendu : 1 234,5).",
        "Ligne 2, colonne « Date d'achat » : « 31/02/2023 » n'est pas une date qui existe "
        "(exemples attendus : 31/12/2023, 2023-12-31 ou 2023).",
        "Ligne 2, colonne « Prix HT » : « douze » n'est pas un nombre (exemple attendu : 1 234,5).",
        "Ligne 2, colonne « Origine » : « volé » n'est pas une origine connue (neuf, "
        "reconditionné, réemploi interne, réparé).",
    ]
    assert ligne.valeurs == {"type": "ecran"}


def test_une_cellule_repetee_se_lit_pareil_sur_chaque_ligne():
    """Les conversions sont retenues d'une ligne à l'autre : mêmes valeurs, mêmes erreurs,
    chacune avec son numéro de ligne ; une valeur de type différent n'est pas confondue."""
    texte = "Type;Quantité;Date d'achat;Prix HT\n" + "Écran;2;31/02/2023;1 089,00\n" * 3
    _, _, lignes = lire("a.csv", texte.encode())
    assert [ligne.erreurs for ligne in lignes] == [
        [
            f"Ligne {numero}, colonne « Date d'achat » : « 31/02/2023 » n'est pas une date qui "
            "existe (exemples attendus : 31/12/2023, 2023-12-31 ou 2023)."
        ]
        for numero in (2, 3, 4)
    ]
    assert [ligne.valeurs for ligne in lignes] == [
        {"type": "ecran", "quantite": 2, "prix_achat_ht": Decimal("1089.00")}
    ] * 3
    classeur = xlsx([["Type", "Quantité"], ["Écran", True], ["Écran", 1], ["Écran", True]])
    _, _, lignes = lire("a.xlsx", classeur)
    assert [bool(ligne.erreurs) for ligne in lignes] == [True, False, True]


# --- Injection de formules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "cellule",
    ["=cmd|' /C calc'!A0", "+SUM(A1:A2)", "@SUM(A1)", "-cmd|' /C calc'!A0", " =1+1", "\t=1+1"],
)
def test_cellule_de_formule_refusee(cellule):
    texte = f'Type;Modèle\nÉcran;"{cellule}"\n'
    _, _, [ligne] = lire("a.csv", texte.encode())
    assert "modele" not in ligne.valeurs
    assert "ressemble à une formule de tableur" in ligne.erreurs[0]
    assert ligne.erreurs[0].startswith("Ligne 2, colonne « Modèle » :")


@pytest.mark.parametrize("cellule", ["-", "-5", "Dell - Latitude", "HP-4520"])
def test_tiret_ordinaire_accepte(cellule):
    assert not lecture.ressemble_a_une_formule(cellule)


def test_formule_dans_une_colonne_ignoree_n_est_pas_une_erreur():
    texte = "Type;Marque;Utilisateur\nÉcran;Dell;=cmd|' /C calc'!A0\n"
    _, colonnes, [ligne] = lire("a.csv", texte.encode())
    assert ligne.valide and colonnes.ignorees == ["Utilisateur"]


# --- Fichiers qui ne sont pas ce qu'ils prétendent ----------------------------------------------


@pytest.mark.parametrize(
    ("nom", "donnees", "message"),
    [
        ("vide.csv", b"", "Le fichier est vide."),
        ("blancs.csv", b"  \r\n\r\n", "Le fichier est vide."),
        ("separateurs.csv", b";;;\n;;;\n", "aucune donnée"),
        ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "semble binaire"),
        ("faux.xlsx", "Type;Modèle\nÉcran;X\n".encode(), "n'est pas un classeur XLSX"),
        ("zip.csv", b"PK\x03\x04" + bytes(100), "fichier compressé"),
        ("ancien.xls", b"\xd0\xcf\x11\xe0" + bytes(100), "pas d'un format accepté"),
        ("ancien.xlsx", b"\xd0\xcf\x11\xe0" + bytes(100), "ancien format (.xls)"),
        ("document.pdf", b"%PDF-1.7", "pas d'un format accepté"),
        ("document.csv", b"%PDF-1.7\n", "PDF"),
        ("abime.xlsx", b"PK\x03\x04" + bytes(100), "illisible"),
        ("sans-entetes.csv", b"a;b;c\n1;2;3\n", "Aucune ligne d'en-têtes reconnue"),
        ("sans-extension", b"Type;Marque\n", "pas d'un format accepté"),
    ],
)
def test_fichiers_refuses_avec_un_message_clair(nom, donnees, message):
    with pytest.raises(FichierRefuse) as erreur:
        tableau = ouvrir(nom, io.BytesIO(donnees))
        list(lecture.lire_lignes(tableau, reconnaitre_colonnes(tableau.entetes), Choix()))
    assert message in erreur.value.message


def test_encodage_inconnu():
    # 0x81 n'existe ni en UTF-8 (seul) ni en Windows-1252.
    with pytest.raises(FichierRefuse, match="encodage du fichier n'est pas reconnu"):
        ouvrir("a.csv", io.BytesIO(b"Type;Marque\n\x81\x81;X\n"))


def test_fichier_trop_gros_refuse_sans_etre_lu_en_entier():
    class FluxInfini(io.RawIOBase):
        lus = 0

        def readable(self):
            return True

        def readinto(self, tampon):
            self.lus += len(tampon)
            tampon[:] = b"x" * len(tampon)
            return len(tampon)

    flux = io.BufferedReader(FluxInfini())
    with pytest.raises(FichierRefuse, match="dépasse la taille maximale de 20 Mo"):
        ouvrir("enorme.csv", flux)
    assert flux.raw.lus <= lecture.taille_max() + 1024 * 1024


def test_cellule_enorme_refusee_par_ligne():
    texte = "Type;Modèle\nÉcran;" + "x" * 5_000 + "\n"
    _, _, [ligne] = lire("a.csv", texte.encode())
    assert "dépasse 1000 caractères" in ligne.erreurs[0]


def test_champ_csv_demesure_refuse_le_fichier():
    texte = 'Type;Modèle\nÉcran;"' + "x" * 200_000 + '"\n'
    with pytest.raises(FichierRefuse, match="Ligne 2 : le fichier CSV est mal formé"):
        lire("a.csv", texte.encode())


def test_trop_de_lignes(settings):
    settings.TABLEURS_LIGNES_MAX = 4
    texte = "Type;Marque\n" + "Écran;Dell\n" * 4
    with pytest.raises(FichierRefuse, match="dépasse le nombre de lignes"):
        lire("a.csv", texte.encode())
