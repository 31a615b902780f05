"""Import d'un plan d'action (lecture, analyse, création tout ou rien) et export XLSX."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from collectivites.tests.factories import CollectiviteFactory, MembreFactory
from strategie_nr.fiches.importation import (
    FichierRefuse,
    ValeurInvalide,
    convertir_mois,
    convertir_nombre,
    feuille_de_route_exporter,
    plan_action_analyser,
    plan_action_importer,
    ressemble_a_une_formule,
)
from strategie_nr.fiches.models import CHAMPS_FICHE, FicheAction, VersionFeuilleDeRoute
from strategie_nr.fiches.selectors import fiches_lues, version_courante
from strategie_nr.fiches.services import feuille_de_route_soumettre

pytestmark = pytest.mark.django_db

ENTETE = "Titre;Axe;Responsable;Démarrage;Fin;Budget (€);Statut"


def csv(*lignes: str, entete: str = ENTETE, encodage="utf-8-sig") -> bytes:
    return "\n".join([entete, *lignes]).encode(encodage)


def analyser(commune, contenu: bytes, nom="plan.csv"):
    return plan_action_analyser(
        collectivite=commune, version=version_courante(commune), nom=nom, contenu=contenu
    )


@pytest.mark.parametrize(
    "texte, attendu",
    [
        ("12 000", "12000.00"),
        ("1 234,5 €", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        (12000, "12000.00"),
        (0.5, "0.50"),
    ],
)
def test_nombres_a_la_francaise(texte, attendu):
    assert convertir_nombre(texte) == Decimal(attendu)


@pytest.mark.parametrize("texte", ["douze mille", "-5", "1e400", "∞"])
def test_nombres_refuses(texte):
    with pytest.raises(ValeurInvalide):
        convertir_nombre(texte)


@pytest.mark.parametrize(
    "valeur, attendu",
    [
        ("03/2025", datetime.date(2025, 3, 1)),
        ("2025-03", datetime.date(2025, 3, 1)),
        ("15/03/2025", datetime.date(2025, 3, 1)),
        ("2025-03-15", datetime.date(2025, 3, 1)),
        ("mars 2025", datetime.date(2025, 3, 1)),
        ("Févr. 2026", datetime.date(2026, 2, 1)),
        (datetime.datetime(2025, 3, 15, 10, 0), datetime.date(2025, 3, 1)),
    ],
)
def test_dates_au_mois_pres(valeur, attendu):
    assert convertir_mois(valeur) == attendu


@pytest.mark.parametrize("valeur", ["13/2025", "bientôt", "03/1850", "31/02"])
def test_dates_refusees(valeur):
    with pytest.raises(ValeurInvalide):
        convertir_mois(valeur)


@pytest.mark.parametrize(
    "valeur, formule",
    [
        ('=HYPERLINK("http://x")', True),
        ("+cmd|' /C calc'!A0", True),
        ("@SUM(A1)", True),
        ("  =1+1", True),
        ("-2+3+cmd", True),
        ("-5", False),
        ("Former les agents", False),
        ("- une puce", False),
    ],
)
def test_formules_reconnues(valeur, formule):
    assert ressemble_a_une_formule(valeur) is formule


def test_analyse_d_un_plan_valide(commune, agent):
    analyse = analyser(
        commune,
        csv(
            f"Former les agents;4;{agent.utilisateur.email};03/2025;12/2025;12 000;En cours",
            f"Site sobre;Axe 3;{agent.utilisateur.get_full_name()};2025-09;06/2026;;",
        ),
    )
    assert [ligne.erreurs for ligne in analyse.lignes] == [[], []]
    premiere, seconde = analyse.a_creer
    assert premiere.valeurs["axe"] == 4 and premiere.valeurs["budget"] == "12000.00"
    assert premiere.valeurs["statut"] == "en_cours" and premiere.numero == 2
    assert seconde.valeurs["responsable"] == agent.pk and "budget" not in seconde.valeurs


def test_erreurs_par_ligne_nommant_colonne_et_valeur(commune, agent, elu):
    analyse = analyser(
        commune,
        csv(
            f"A;9;{agent.utilisateur.email};03/2025;12/2025;douze mille;Fini",
            "B;1;inconnu@exemple.test;bientôt;12/2025;0;",
            f"C;1;{elu.utilisateur.email};09/2025;03/2025;0;",
            f'=HYPERLINK("http://pirate");1;{agent.utilisateur.email};03/2025;12/2025;0;',
            f";1;{agent.utilisateur.email};03/2025;12/2025;0;",
        ),
    )
    assert analyse.a_creer == []
    erreurs = {ligne.numero: " | ".join(ligne.erreurs) for ligne in analyse.lignes}
    assert "colonne « Axe » : « 9 » n'est pas un axe REEN" in erreurs[2]
    assert "colonne « Budget (€) » : « douze mille » n'est pas un nombre" in erreurs[2]
    assert "colonne « Statut » : « Fini » n'est pas une valeur connue" in erreurs[2]
    assert "« inconnu@exemple.test » n'est ni l'adresse e-mail ni le nom" in erreurs[3]
    assert "colonne « Démarrage » : « bientôt » n'est pas une date" in erreurs[3]
    assert "est un élu" in erreurs[4] and "« 03/2025 » précède le démarrage" in erreurs[4]
    assert "ressemble à une formule de tableur" in erreurs[5]
    assert "colonne « Titre » : valeur manquante" in erreurs[6]


def test_titre_en_double_dans_le_fichier_ou_la_version(commune, agent, fiche):
    email = agent.utilisateur.email
    analyse = analyser(
        commune,
        csv(
            f"Nouvelle;1;{email};03/2025;12/2025;0;",
            f"nouvelle;1;{email};03/2025;12/2025;0;",
            f"{fiche.titre};1;{email};03/2025;12/2025;0;",
        ),
    )
    erreurs = [" ".join(ligne.erreurs) for ligne in analyse.lignes]
    assert erreurs[0] == ""
    assert "figure déjà ligne 2 du fichier" in erreurs[1]
    assert "est déjà une fiche de la version de travail" in erreurs[2]


def test_un_nom_porte_par_deux_membres_est_ambigu(commune, agent):
    homonyme = MembreFactory(
        collectivite=commune,
        utilisateur__first_name=agent.utilisateur.first_name,
        utilisateur__last_name=agent.utilisateur.last_name,
    )
    assert homonyme.utilisateur.get_full_name() == agent.utilisateur.get_full_name()
    analyse = analyser(commune, csv(f"A;1;{agent.utilisateur.get_full_name()};03/2025;12/2025;0;"))
    assert "désigne plusieurs membres" in analyse.lignes[0].erreurs[0]


def test_csv_windows_1252_separe_par_des_virgules(commune, agent):
    contenu = csv(
        f'Réemploi des écrans,2,{agent.utilisateur.email},03/2025,12/2025,"1 500,50",À venir',
        entete="Intitulé,Axe REEN,Pilote,Date de début,Échéance,Montant,État",
        encodage="cp1252",
    )
    (ligne,) = analyser(commune, contenu).lignes
    assert ligne.valide, ligne.erreurs
    assert ligne.titre == "Réemploi des écrans" and ligne.valeurs["budget"] == "1500.50"


@pytest.mark.parametrize(
    "nom, contenu, message",
    [
        ("plan.csv", b"", "Le fichier est vide."),
        ("plan.pdf", b"%PDF-1.4", "n'est ni un classeur (.xlsx, .ods) ni un fichier .csv"),
        ("plan", b"abc", "n'est ni un classeur (.xlsx, .ods) ni un fichier .csv"),
        ("plan.csv", b"\x00\x01\x02binaire", "semble binaire"),
        ("plan.xlsx", b"ceci n'est pas un classeur", "n'est pas un classeur XLSX"),
        ("plan.xlsx", b"PK\x03\x04abime", "illisible"),
        ("plan.csv", b"a;b;c\n1;2;3", "Aucune ligne d'en-t"),
        ("plan.csv", b"Titre;Axe\nA;1", "Colonnes obligatoires absentes : Démarrage"),
        ("plan.csv", ENTETE.encode(), "aucune fiche sous la ligne d'en-têtes"),
        ("plan.csv", b"x" * (2 * 1024 * 1024 + 1), "ne doit pas dépasser 2 Mo"),
    ],
)
def test_fichiers_refuses_avec_un_message_clair(commune, nom, contenu, message):
    with pytest.raises(FichierRefuse) as refus:
        analyser(commune, contenu, nom=nom)
    assert message in refus.value.message


def test_trop_de_lignes(commune, agent):
    lignes = [f"F{n};1;{agent.utilisateur.email};03/2025;12/2025;0;" for n in range(501)]
    with pytest.raises(FichierRefuse, match="plus de 500 lignes"):
        analyser(commune, csv(*lignes))


def _lignes_valides(commune, contenu):
    return [
        {"numero": ligne.numero, "valeurs": ligne.valeurs}
        for ligne in analyser(commune, contenu).a_creer
    ]


def test_import_cree_les_fiches_dans_la_version_de_travail(commune, agent, referent):
    lignes = _lignes_valides(
        commune,
        csv(
            f"Former les agents;4;{agent.utilisateur.email};03/2025;12/2025;12 000;En cours",
            f"Site sobre;3;{referent.utilisateur.email};09/2025;06/2026;;",
        ),
    )
    fiches = plan_action_importer(collectivite=commune, auteur=agent, lignes=lignes)
    assert [f.titre for f in fiches] == ["Former les agents", "Site sobre"]
    former = FicheAction.objects.get(titre="Former les agents")
    assert former.responsable == agent and former.budget == Decimal("12000")
    assert former.debut == datetime.date(2025, 3, 1) and former.statut == "en_cours"
    assert former.version.numero == 1


def test_import_tout_ou_rien(commune, agent, referent):
    lignes = _lignes_valides(
        commune,
        csv(
            f"Première;1;{agent.utilisateur.email};03/2025;12/2025;0;",
            f"Seconde;1;{referent.utilisateur.email};03/2025;12/2025;0;",
        ),
    )
    referent.actif = False  # désactivé entre l'aperçu et la confirmation
    referent.save()
    MembreFactory(collectivite=commune, referent=True)
    with pytest.raises(ValidationError, match="Ligne 3 : le responsable n'est plus"):
        plan_action_importer(collectivite=commune, auteur=agent, lignes=lignes)
    assert not FicheAction.objects.exists()


def test_import_refuse_dans_une_version_soumise(commune, agent, fiche):
    feuille_de_route_soumettre(version=fiche.version, auteur=agent)
    lignes = _lignes_valides(commune, csv(f"Autre;1;{agent.utilisateur.email};03/2025;12/2025;;"))
    with pytest.raises(ValidationError, match="soumise pour validation"):
        plan_action_importer(collectivite=commune, auteur=agent, lignes=lignes)
    assert FicheAction.objects.count() == 1


def test_import_n_utilise_que_les_membres_de_la_collectivite(commune, agent, referent_epci):
    lignes = _lignes_valides(commune, csv(f"A;1;{agent.utilisateur.email};03/2025;12/2025;0;"))
    lignes[0]["valeurs"]["responsable"] = referent_epci.pk  # session trafiquée
    with pytest.raises(ValidationError):
        plan_action_importer(collectivite=commune, auteur=agent, lignes=lignes)
    assert not FicheAction.objects.exists()


def _classeur(contenu: bytes):
    return openpyxl.load_workbook(io.BytesIO(contenu)).worksheets[0]


def test_export_une_ligne_par_fiche_et_formules_neutralisees(commune, agent, fiche):
    fiche.titre = '=HYPERLINK("http://pirate","clic")'
    fiche.save()
    version = version_courante(commune)
    feuille = _classeur(feuille_de_route_exporter(collectivite=commune, version=version))
    entetes = [c.value for c in feuille[1]]
    assert entetes[:3] == ["Titre", "Axe", "Intitulé de l'axe"]
    ligne = dict(zip(entetes, [c.value for c in feuille[2]], strict=True))
    assert feuille.max_row == 2
    assert ligne["Titre"] == '\'=HYPERLINK("http://pirate","clic")'
    assert feuille["A2"].data_type == "s"
    assert ligne["Responsable"] == agent.utilisateur.email
    assert ligne["Budget (€)"] == 20000 and ligne["Statut"] == "À venir"
    assert ligne["Démarrage"] == datetime.datetime(2025, 4, 1)
    assert ligne["Budget par année"] == "2025 : 20 000 €"
    assert ligne["Indicateurs de performance"] == "Nombre de personnes formées — cible 30"


def test_aller_retour_export_puis_import():
    """La démo exportée se réimporte dans une autre feuille de route à l'identique."""
    from strategie_nr.demo import demo_charger

    contexte = demo_charger()
    commune = contexte["commune"]
    v2 = contexte["version_brouillon_demo"]
    contenu = feuille_de_route_exporter(collectivite=commune, version=v2)
    # Même plan, autre collectivité dont les membres portent les mêmes adresses.
    autre = CollectiviteFactory(nom="Ville jumelle")
    for membre in commune.membres.select_related("utilisateur"):
        MembreFactory(collectivite=autre, utilisateur=membre.utilisateur, role=membre.role)
    analyse = plan_action_analyser(collectivite=autre, version=None, nom="fr.xlsx", contenu=contenu)
    assert analyse.rejetees == []
    assert "Budget par année" in analyse.colonnes_ignorees
    plan_action_importer(
        collectivite=autre,
        auteur=autre.membres.get(utilisateur=contexte["membres"]["referent@demo.test"].utilisateur),
        lignes=[{"numero": ligne.numero, "valeurs": ligne.valeurs} for ligne in analyse.a_creer],
    )
    # Tout ce que l'import relit ; les lignes (indicateurs, actions, budgets par année) et les
    # contributeurs sont à compléter dans chaque fiche.
    ignores = {"responsable", "levier_libre", "action_exemple", "contributeurs_libres"}
    champs = [c for c in CHAMPS_FICHE if c not in ignores] + ["levier"]

    def contenu_de(fiches):
        return sorted(
            [{c: f[c] for c in champs} | {"responsable": f["responsable"]} for f in fiches],
            key=lambda f: f["titre"],
        )

    importee = VersionFeuilleDeRoute.objects.for_collectivite(autre).get()
    assert contenu_de(fiches_lues(importee)) == contenu_de(fiches_lues(v2))


def test_le_fichier_d_exemple_s_importe_dans_la_demo():
    """Un tableur réel : Windows-1252, titre au-dessus des en-têtes, autres noms de colonnes."""
    from pathlib import Path

    from strategie_nr.demo import demo_charger

    contexte = demo_charger()
    commune = contexte["commune"]
    chemin = Path(__file__).resolve().parent.parent / "exemples" / "plan_action.csv"
    analyse = analyser(commune, chemin.read_bytes(), nom=chemin.name)
    assert [ligne.erreurs for ligne in analyse.lignes] == [[]] * 4
    assert analyse.lignes[0].numero == 4
    assert analyse.lignes[2].valeurs["budget"] == "4500.00"
    assert analyse.lignes[3].valeurs["priorite"] == 1


def test_le_meme_apercu_ne_s_importe_qu_une_fois(commune, agent):
    from strategie_nr.fiches.importation import ImportDejaConfirme

    lignes = _lignes_valides(
        commune, csv(f"Former les agents;4;{agent.utilisateur.email};03/2025;12/2025;;")
    )
    plan_action_importer(collectivite=commune, auteur=agent, lignes=lignes, jeton="a" * 32)
    with pytest.raises(ImportDejaConfirme):
        plan_action_importer(collectivite=commune, auteur=agent, lignes=lignes, jeton="a" * 32)
    assert FicheAction.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_deux_confirmations_simultanees_du_meme_apercu(commune, agent):
    from django.db import connection

    from strategie_nr.fiches.importation import ImportDejaConfirme
    from strategie_nr.tests.concurrence import en_meme_temps

    if connection.vendor != "postgresql":
        pytest.skip("Deux transactions simultanées : PostgreSQL (la CI la lance).")
    lignes = _lignes_valides(
        commune,
        csv(*(f"Action {n};4;{agent.utilisateur.email};03/2025;12/2025;;" for n in range(40))),
    )
    resultats = en_meme_temps(
        lambda: plan_action_importer(
            collectivite=commune, auteur=agent, lignes=lignes, jeton="b" * 32
        ),
        attendues=(ImportDejaConfirme,),
    )
    assert sorted(type(r).__name__ for r in resultats) == ["ImportDejaConfirme", "list"]
    assert FicheAction.objects.count() == 40
