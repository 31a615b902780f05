"""Les PDF relus : contenu, filigrane, document officiel, typographie."""

import datetime
import hashlib
import io
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from strategie_nr.documents.models import DocumentOfficiel
from strategie_nr.documents.rendu import bilan_html, pdf_depuis_html, strategie_html
from strategie_nr.documents.services import document_officiel_generer, document_strategie
from strategie_nr.fiches.models import VersionFeuilleDeRoute
from strategie_nr.plateforme.templatetags.formats_fr import annee, date_longue, euros, nombre
from strategie_nr.referentiel.models import Axe

from .conftest import texte_pdf


def test_typographie_francaise():
    assert euros(Decimal("1234.50")) == "1\u202f234,5\u00a0€"
    assert euros(12500) == "12\u202f500\u00a0€"
    assert euros(None) == "—"
    assert nombre(Decimal("2.345"), 1) == "2,3"
    assert annee(2026) == "2026"
    assert date_longue(datetime.date(2026, 3, 1)) == "1er mars 2026"
    assert date_longue(datetime.date(2025, 1, 21)) == "21 janvier 2025"


def test_projet_de_strategie_relu(commune, fiches_six_axes):
    version = VersionFeuilleDeRoute.objects.for_collectivite(commune).get(numero=1)
    contenu, officiel = document_strategie(collectivite=commune, version=version)
    texte, pages = texte_pdf(contenu)
    assert contenu.startswith(b"%PDF") and not officiel
    assert commune.nom in texte
    for axe in Axe.objects.all():
        assert " ".join(axe.titre.split()) in texte
    for fiche in fiches_six_axes:
        assert fiche.titre in texte
    assert f"page 1 / {pages}" in texte and f"page {pages} / {pages}" in texte
    assert pages >= 10  # garde, sommaire, un chapitre par section
    assert texte.count("PROJET") >= pages  # le filigrane sur chaque page
    assert "12 500 €" in texte.replace("\u202f", " ").replace("\u00a0", " ")
    assert "2 025" not in texte.replace("\u202f", " ")
    assert not DocumentOfficiel.objects.exists()  # un projet n'est jamais enregistré


def test_sections_sans_donnees_disent_pas_encore_renseigne(commune):
    texte, _ = texte_pdf(pdf_depuis_html(strategie_html(collectivite=commune, version=None)))
    assert "Pas encore renseigné" in texte
    assert "aucune feuille de route" in texte
    assert "loi n° 2021-1485" in texte  # le cadre légal est toujours là


def test_validation_produit_le_document_officiel_une_fois(
    commune, version_validee, executer_travaux
):
    executer_travaux()
    document = DocumentOfficiel.objects.get(version=version_validee)
    contenu = bytes(document.contenu)
    assert document.collectivite == commune
    assert document.somme_controle == hashlib.sha256(contenu).hexdigest()
    assert document.taille == len(contenu)
    texte, pages = texte_pdf(contenu)
    assert "PROJET" not in texte
    assert "Validée le" in texte and "1er mars 2025" in texte
    assert f"page {pages} / {pages}" in texte
    # Le refaire rend le même enregistrement, sans nouveau rendu.
    assert document_officiel_generer(version=version_validee).pk == document.pk
    assert bytes(document_strategie(collectivite=commune, version=version_validee)[0]) == contenu


def test_pdf_accessible_titre_langue_balises(commune, version_validee, executer_travaux):
    executer_travaux()
    lecteur = PdfReader(io.BytesIO(bytes(DocumentOfficiel.objects.get().contenu)))
    catalogue = lecteur.trailer["/Root"]
    assert catalogue["/Lang"] == "fr"
    assert "/StructTreeRoot" in catalogue  # PDF balisé (PDF/UA-1)
    assert catalogue["/MarkInfo"]["/Marked"]
    assert lecteur.metadata.title == f"Stratégie numérique responsable — {commune.nom}"
    alternatives = [
        alt for role, alt in _balises(catalogue["/StructTreeRoot"]) if role == "/Figure"
    ]
    assert any(alt.startswith("Matrice de priorisation") for alt in alternatives)
    assert any(alt.startswith("Calendrier des fiches actions") for alt in alternatives)


def _balises(noeud):
    """(rôle, texte de remplacement) de chaque élément de l'arbre de structure du PDF."""
    noeud = noeud.get_object() if hasattr(noeud, "get_object") else noeud
    if isinstance(noeud, list):
        for enfant in noeud:
            yield from _balises(enfant)
    elif isinstance(noeud, dict):
        if "/S" in noeud:
            yield noeud["/S"], str(noeud.get("/Alt", ""))
        if "/K" in noeud:
            yield from _balises(noeud["/K"])


def test_un_brouillon_ne_peut_pas_avoir_de_document_officiel(commune, fiches_six_axes):
    version = VersionFeuilleDeRoute.objects.for_collectivite(commune).get(numero=1)
    with pytest.raises(ValueError):
        document_officiel_generer(version=version)


def test_bilan_annuel_relu(commune, version_validee):
    html = bilan_html(collectivite=commune, version=version_validee, annee=2025)
    texte, _ = texte_pdf(pdf_depuis_html(html))
    plat = texte.replace("\u202f", " ").replace("\u00a0", " ")
    assert "Bilan 2025 de la stratégie numérique responsable" in texte
    assert "Action exemplaire de l'axe 1" in texte
    assert "Indicateur 3" in texte  # cible de l'année
    assert "Budget prévu pour l'année : 75 000 €" in plat
    assert "Pas encore renseigné" in texte  # pas de campagne close, pas de parc
    assert "2 025" not in plat


def test_commandes(commune, version_validee, tmp_path, executer_travaux):
    executer_travaux()
    sortie = tmp_path / "strategie.pdf"
    call_command("generer_strategie", commune.code_officiel, "-o", str(sortie), "--version", "1")
    assert sortie.read_bytes() == bytes(DocumentOfficiel.objects.get().contenu)
    bilan = tmp_path / "bilan.pdf"
    call_command("generer_bilan", commune.code_officiel, "--annee", "2025", "-o", str(bilan))
    assert bilan.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="Aucune collectivité"):
        call_command("generer_strategie", "00000", "-o", str(sortie))
    with pytest.raises(CommandError, match="pas de version 7"):
        call_command(
            "generer_strategie", commune.code_officiel, "-o", str(sortie), "--version", "7"
        )
    with pytest.raises(CommandError, match="pas plausible"):
        call_command("generer_bilan", commune.code_officiel, "--annee", "1", "-o", str(bilan))


def test_indicateurs_et_objectifs_dans_la_strategie_et_le_bilan(commune, agent, version_validee):
    from indicateurs.models import (
        Cible,
        DefinitionIndicateur,
        IndicateurSuivi,
        Objectif,
        Valeur,
    )

    definition = DefinitionIndicateur.objects.get(cle="axe-2-2")  # dons de matériels
    suivi = IndicateurSuivi.objects.create(
        collectivite=commune,
        definition=definition,
        responsable=agent,
        annee_base=2024,
        valeur_base=40,
    )
    Cible.objects.create(suivi=suivi, annee=2025, valeur=150)
    Valeur.objects.create(suivi=suivi, annee=2025, valeur=1121)
    Objectif.objects.create(
        collectivite=commune,
        axe=definition.axe,
        enonce="Donner 150 matériels par an.",
        suivi=suivi,
        annee_cible=2025,
        valeur_cible=150,
    )
    texte, _ = texte_pdf(pdf_depuis_html(strategie_html(collectivite=commune, version=None)))
    plat = texte.replace("\u202f", " ")
    assert "Donner 150 matériels par an — cible 150 en 2025 — atteint" in plat
    assert "40 (2024)" in plat and "1 121 (2025, déclaré)" in plat
    html = bilan_html(collectivite=commune, version=version_validee, annee=2025)
    plat = texte_pdf(pdf_depuis_html(html))[0].replace("\u202f", " ")
    assert re.search(
        r"Nombre de dons de matériels en externe (Méthode : [^.]*\. )?150 1 121 déclaré oui", plat
    )


def test_bilan_rapproche_les_cibles_des_fiches_des_mesures(commune, agent):
    from indicateurs.models import DefinitionIndicateur, IndicateurSuivi, Valeur
    from strategie_nr.fiches.services import fiche_creer

    suivi = IndicateurSuivi.objects.create(
        collectivite=commune,
        definition=DefinitionIndicateur.objects.get(cle="axe-2-2"),  # dons de matériels
        responsable=agent,
    )
    Valeur.objects.create(suivi=suivi, annee=2025, valeur=95)
    fiche = fiche_creer(
        collectivite=commune,
        auteur=agent,
        donnees={
            "axe": suivi.definition.axe,
            "titre": "Donner les ordinateurs réformés",
            "priorite": 3,
            "difficulte": 1,
            "debut": datetime.date(2025, 1, 1),
            "fin": datetime.date(2025, 12, 1),
            "responsable": agent,
        },
        indicateurs=[
            {
                "libelle": "Dons",
                "valeur_cible": 120,
                "annee_cible": 2025,
                "indicateur_suivi": suivi,
            },
            {"libelle": "Ateliers tenus", "valeur_cible": 4, "annee_cible": 2025},
        ],
    )
    html = bilan_html(collectivite=commune, version=fiche.version, annee=2025)
    plat = texte_pdf(pdf_depuis_html(html))[0].replace("\u202f", " ").replace("\u00a0", " ")
    assert "Dons Donner les ordinateurs réformés 120 95 déclaré non" in plat
    assert "Ateliers tenus Donner les ordinateurs réformés 4 — non rattaché" in plat
    Valeur.objects.filter(suivi=suivi).update(valeur=130)
    html = bilan_html(collectivite=commune, version=fiche.version, annee=2025)
    plat = texte_pdf(pdf_depuis_html(html))[0].replace("\u202f", " ").replace("\u00a0", " ")
    assert "Dons Donner les ordinateurs réformés 120 130 déclaré oui" in plat


def test_maturite_dans_la_strategie_et_le_bilan_de_l_annee(commune, agent, referent):
    from strategie_nr.diagnostic import services
    from strategie_nr.diagnostic.models import Question

    campagne = services.campagne_ouvrir(
        collectivite=commune,
        titre="Diagnostic de printemps",
        date=datetime.date(2025, 3, 1),
        auteur=referent.utilisateur,
    )
    saisies = [services.Saisie(q, 3, False) for q in Question.objects.all()]
    services.reponses_enregistrer(campagne=campagne, membre=agent, saisies=saisies)
    services.campagne_cloturer(campagne=campagne, auteur=referent.utilisateur)
    texte, _ = texte_pdf(pdf_depuis_html(strategie_html(collectivite=commune, version=None)))
    assert "Campagne « Diagnostic de printemps » du 1er mars 2025" in texte
    assert "Note globale 3,0" in texte
    bilan = texte_pdf(pdf_depuis_html(bilan_html(collectivite=commune, version=None, annee=2025)))
    assert "Diagnostic de printemps" in bilan[0]
    sans = texte_pdf(pdf_depuis_html(bilan_html(collectivite=commune, version=None, annee=2024)))
    assert "Diagnostic de printemps" not in sans[0]


def test_parc_dans_la_strategie_et_le_bilan(commune):
    from parc.enums import Origine
    from parc.models import ObjectifAgec
    from parc.tests.factories import EquipementFactory

    annee = datetime.date.today().year
    EquipementFactory(
        collectivite=commune, quantite=8, annee_acquisition=annee - 1, prix_achat_ht=1000
    )
    EquipementFactory(
        collectivite=commune,
        quantite=2,
        annee_acquisition=annee - 1,
        prix_achat_ht=500,
        origine=Origine.RECONDITIONNE,
    )
    # Un portable reconditionné acheté cette année : 100 % de l'année en cours, qui n'est pas
    # finie ; la stratégie ne juge que la dernière année close.
    EquipementFactory(
        collectivite=commune,
        annee_acquisition=annee,
        prix_achat_ht=400,
        origine=Origine.RECONDITIONNE,
    )
    texte, _ = texte_pdf(pdf_depuis_html(strategie_html(collectivite=commune, version=None)))
    plat = texte.replace("\u202f", " ").replace("\u00a0", " ")
    assert f"Équipements par type, fin {annee - 1}" in plat
    assert f"Chiffres clés (fin {annee - 1}, dernière année close)" in plat
    assert "100,0 %" not in plat and f"achats {annee} " not in plat
    # Contrôles légaux de la dernière année close ; proportion AGEC non saisie : pas de verdict.
    assert f"Objectif {annee - 1} : " in plat and "décret n° 2023-266" in plat
    assert "Matériel informatique et téléphonie 9 000 € 1 000 € 11,1 % à saisir" in plat
    ObjectifAgec.objects.filter(categorie__code="informatique-telephonie", annee=2024).update(
        part_reemploi=20
    )
    relue = type(commune).objects.get(pk=commune.pk)  # les calculs sont gardés par instance
    texte, _ = texte_pdf(pdf_depuis_html(strategie_html(collectivite=relue, version=None)))
    plat = texte.replace("\u202f", " ").replace("\u00a0", " ")
    assert "11,1 % 20 % — non atteint" in plat
    # Le cadre légal dit les deux obligations avec les objectifs du référentiel.
    assert "décret n° 2024-134 du 21 février 2024" in plat and "20 % 2021-254" not in plat
    assert "Objectifs : 25 % en 2023, 35 % en 2024, 50 % à partir de 2025" in plat
    assert "au plus tard le 30 juin (arrêté du 13 janvier 2025, art. 3)" in plat
    assert "ADEME" in plat  # version des facteurs d'empreinte
    html = bilan_html(collectivite=commune, version=None, annee=annee)
    plat = texte_pdf(pdf_depuis_html(html))[0].replace("\u202f", " ")
    assert f"Fin {annee - 1} Fin {annee} (année en cours, provisoire)" in plat
    assert "Équipements présents 10 11" in plat
    assert "Taux de réemploi des matériels informatiques réformés (REEN art. 16" in plat
    # Provisoire sur chaque page : le titre courant en pied de page le dit.
    pages = PdfReader(io.BytesIO(pdf_depuis_html(html))).pages
    assert all("année en cours, provisoire" in page.extract_text() for page in pages[1:])
