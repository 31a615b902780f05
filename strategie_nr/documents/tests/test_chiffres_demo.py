"""Les documents de la démonstration relus comme un élu les lit : un chiffre, une valeur."""

import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from indicateurs.selectors import indicateurs_suivis_tableau
from strategie_nr.demo import demo_charger
from strategie_nr.documents.rendu import bilan_html, pdf_depuis_html
from strategie_nr.documents.selectors import version_du_bilan
from strategie_nr.documents.services import document_strategie

pytestmark = pytest.mark.django_db


def texte(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    brut = " ".join(page.extract_text() for page in pages)
    return re.sub(r"\s+", " ", brut.replace("\u202f", " ").replace("\u00a0", " "))


def present(valeur: str, dans: str) -> bool:
    """La valeur affichée, seule (« 121 » n'est pas dans « 1 121 » ni dans « 121,5 »)."""
    motif = r"(?<![\d,])" + re.escape(valeur.replace("\u202f", " ").replace("\u00a0", " "))
    return re.search(motif + r"(?![\d,])", dans) is not None


@pytest.fixture
def demo():
    return demo_charger()


def test_le_bilan_et_la_strategie_de_la_demo_donnent_une_valeur_par_chiffre(demo):
    commune = demo["commune"]
    annee = timezone.localdate().year - 1
    html = bilan_html(collectivite=commune, version=version_du_bilan(commune), annee=annee)
    bilan = texte(pdf_depuis_html(html))
    officiel, _ = document_strategie(collectivite=commune, version=demo["version_validee_demo"])
    strategie = texte(officiel)

    lignes = indicateurs_suivis_tableau(commune)["lignes"]
    remplacees = 0
    for ligne in lignes:
        retenue = ligne.retenue(annee)
        if retenue is None:
            continue
        assert present(ligne.afficher(retenue.valeur), bilan), ligne.definition.libelle
        if retenue.declaree is not None and retenue.declaree != retenue.valeur:
            # La valeur déclarée que le calcul remplace n'est imprimée nulle part.
            remplacees += 1
            declaree = ligne.afficher(retenue.declaree)
            assert not present(declaree, bilan), (ligne.definition.libelle, declaree)
    # La démo déclare des dons et une part AGEC que l'inventaire recalcule autrement.
    assert remplacees >= 2

    # La part AGEC et les dons : même valeur dans les indicateurs et dans le parc.
    par_cle = {ligne.definition.cle: ligne for ligne in lignes}
    agec = par_cle["axe-1-1"]
    part = agec.afficher(agec.valeur(annee)).replace("\u00a0", " ")
    assert (
        "réemploi ou de la réutilisation (minimum 20% selon l'article 58 de la loi AGEC)" in bilan
    )
    # L'indicateur du référentiel est la part AGEC du matériel informatique (dons compris) : la
    # même valeur que le contrôle légal de l'année.
    assert re.search(
        rf"Matériel informatique et téléphonie [\d\s]+ € [\d\s]+ € {re.escape(part)}", bilan
    )
    dons = par_cle["axe-2-2"]
    nombre = dons.afficher(dons.valeur(annee))
    assert re.search(rf"Équipements donnés dans l'année \d+ {nombre} ", bilan)
    assert "calculé depuis l'inventaire" in bilan and "déclaré" in bilan

    # Pas de ligne en double dans l'évolution du parc.
    assert bilan.count("Empreinte carbone estimée du parc") == 1
    assert bilan.count("Part des achats d'équipements reconditionnés, en montant") == 1

    # Le cadre légal corrigé.
    assert "au plus tard le 1er janvier 2025" in strategie
    assert "impact environnemental du numérique et de ses usages sur le territoire" in strategie
    assert "une part de biens issus du réemploi ou de la réutilisation" in strategie
    assert "et une part de biens intégrant des matières recyclées" in strategie
    assert "six thèmes que le décret cite notamment" in strategie
    assert "six axes de la loi" not in strategie

    # La stratégie validée ne juge aucune année en cours.
    courante = annee + 1
    assert f"Chiffres clés (fin {annee}, dernière année close)" in strategie
    assert f"achats {courante}" not in strategie
    assert not re.search(rf"\({courante}, (calculé|déclaré)", strategie)
    assert not re.search(rf"dernière valeur : [^)]* en {courante}", strategie)


def test_la_strategie_validee_montre_chaque_fiche_en_entier(demo):
    from strategie_nr.fiches.selectors import fiches_lues

    version = demo["version_validee_demo"]
    officiel, _ = document_strategie(collectivite=demo["commune"], version=version)
    strategie = texte(officiel)

    def normal(valeur) -> str:
        return re.sub(r"\s+", " ", str(valeur)).strip()

    fiches = fiches_lues(version)
    assert fiches
    for fiche in fiches:
        assert f"Fiche {fiche['numero']} — {normal(fiche['titre'])}" in strategie
        for nom in fiche["contributeurs"] + fiche["contributeurs_libres"]:
            assert normal(nom) in strategie, (fiche["numero"], nom)
        if fiche["prerequis"]:
            assert normal(fiche["prerequis"]) in strategie, fiche["numero"]
        for action in fiche["sous_actions"]:
            assert normal(action["quoi"]) in strategie, (fiche["numero"], action["quoi"])
        assert f"Actions à mettre en œuvre (fiche {fiche['numero']})" in strategie
    assert any(f["sous_actions"] for f in fiches) and any(f["prerequis"] for f in fiches)
    assert any(f["contributeurs"] or f["contributeurs_libres"] for f in fiches)
    for rubrique in ("Dimension", "Levier / pratique", "Périmètre", "Prérequis", "Contributeurs"):
        assert strategie.count(rubrique) >= len(fiches)
    assert "Clé des numéros de fiches" in strategie and "Fiche 1.1 — " in strategie


def test_le_bilan_ne_coupe_pas_ses_tableaux_courts(demo):
    annee = timezone.localdate().year - 1
    commune = demo["commune"]
    html = bilan_html(collectivite=commune, version=version_du_bilan(commune), annee=annee)
    pdf = pdf_depuis_html(html)
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]

    def page_de(texte_: str) -> int:
        return next(n for n, page in enumerate(pages) if texte_ in page)

    # L'évolution du parc, ses premières et dernières lignes sur la même page.
    assert page_de("Équipements présents") == page_de("Empreinte carbone estimée du parc")
    # Les cibles des fiches : l'en-tête et la dernière ligne ensemble.
    assert page_de("Cibles des fiches actions pour l'année") == page_de(
        "Projets évalués avec la grille"
    )


def test_la_synthese_suit_la_page_de_garde_et_ouvre_le_tableau_de_bord_de_l_elu(
    demo, client_de, django_assert_max_num_queries
):
    from django.urls import reverse

    from collectivites.enums import Role
    from collectivites.models import Membre

    commune = demo["commune"]
    annee = timezone.localdate().year - 1
    officiel, _ = document_strategie(collectivite=commune, version=demo["version_validee_demo"])
    pages = PdfReader(io.BytesIO(officiel)).pages
    synthese = re.sub(r"\s+", " ", pages[1].extract_text())
    assert "Synthèse pour les élus" in synthese
    assert "Note globale de maturité" in synthese
    assert f"Chiffres clés {annee}" in synthese and f"Conformité {annee}" in synthese
    assert synthese.count(f" {annee}, calculé depuis") + synthese.count(f" {annee}, déclaré") == 5
    assert "fiches actions, pour un budget total de" in synthese
    assert "Prochaine échéance" in synthese
    assert f"{annee + 1}, calculé" not in synthese

    elu = Membre.objects.get(collectivite=commune, role=Role.ELU)
    client = client_de(elu)
    # Les verdicts AGEC et REEN de l'année close ajoutent leurs requêtes (parc.conformite).
    with django_assert_max_num_queries(48):
        page = client.get(reverse("tableau_de_bord")).content.decode()
    assert "Synthèse pour les élus" in page and f"Chiffres clés {annee}" in page
    assert page.count("<h1") == 1
    agent = Membre.objects.filter(collectivite=commune, role=Role.AGENT).first()
    assert (
        "Synthèse pour les élus"
        not in client_de(agent).get(reverse("tableau_de_bord")).content.decode()
    )


def test_le_bilan_de_l_annee_en_cours_ne_rend_pas_de_verdict_definitif(demo):
    """Les contrôles légaux d'une année pas finie disent où elle en est, « à ce jour »."""
    from strategie_nr.documents.contextes import controles_legaux

    commune = demo["commune"]
    courante = timezone.localdate().year
    controles = controles_legaux(commune, courante)
    assert controles["annee"] == f"{courante} (année en cours, provisoire)"
    assert controles["reen"]["verdict"].endswith("à ce jour (année en cours, provisoire)")
    close = controles_legaux(commune, courante - 1)
    assert close["annee"] == str(courante - 1)
    assert close["reen"]["verdict"] in ("atteint", "non atteint")


def test_les_cibles_des_fiches_de_la_demo_concordent_avec_les_indicateurs(demo):
    """Une fiche rattachée à un indicateur suivi vise la même cible que lui pour la même année."""
    from indicateurs.models import Cible
    from strategie_nr.fiches.models import IndicateurFiche

    version = demo["version_validee_demo"]
    rattaches = IndicateurFiche.objects.filter(
        fiche__version=version, indicateur_suivi__isnull=False, valeur_cible__isnull=False
    )
    assert rattaches.exists()
    for indicateur in rattaches:
        cible = Cible.objects.filter(
            suivi=indicateur.indicateur_suivi, annee=indicateur.annee_cible
        ).first()
        if cible is not None:
            assert cible.valeur == indicateur.valeur_cible, indicateur.libelle


def test_la_valeur_de_base_d_un_indicateur_calcule_est_celle_de_l_inventaire(demo):
    """Une valeur de base saisie pour une année que l'inventaire couvre ne contredit pas le
    calcul de cette année : la base montrée est la valeur retenue."""
    commune = demo["commune"]
    lignes = {
        ligne.definition.cle: ligne for ligne in indicateurs_suivis_tableau(commune)["lignes"]
    }
    ligne = lignes["axe-2-2"]  # dons : calculés depuis l'inventaire
    annee, valeur = ligne.base()
    assert valeur == ligne.valeur(annee)
