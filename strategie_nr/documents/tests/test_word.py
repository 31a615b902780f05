"""Les versions Word relues avec python-docx : titres en styles de titre de Word, tableaux,
graphiques avec texte de remplacement, propriétés ; commandes, téléchargements et contenu figé
d'une version validée."""

import io
import re
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from strategie_nr.documents.models import DocumentOfficiel
from strategie_nr.documents.rendu import bilan_html
from strategie_nr.documents.sections import BILAN, STRATEGIE
from strategie_nr.documents.services import document_strategie_word
from strategie_nr.documents.word import TYPE_DOCX, docx_depuis_html, graphique_depuis_svg
from strategie_nr.fiches.models import VersionFeuilleDeRoute
from strategie_nr.referentiel.models import Axe

from .test_vues import _suivre


def relire(contenu: bytes):
    return Document(io.BytesIO(contenu))


def titres(document, niveau: int) -> list[str]:
    return [
        " ".join(p.text.split()) for p in document.paragraphs if p.style.name == f"Heading {niveau}"
    ]


def texte_complet(document) -> str:
    """Paragraphes, cellules des tableaux, en-têtes et pieds de page, blancs réduits."""
    morceaux = [p.text for p in document.paragraphs]
    for table in document.tables:
        morceaux.extend(cellule.text for ligne in table.rows for cellule in ligne.cells)
    for section in document.sections:
        morceaux.extend(p.text for p in section.header.paragraphs)
    texte = " ".join(" ".join(morceaux).split())
    return texte.replace("\u202f", " ").replace("\u00a0", " ")


def textes_de_remplacement(document) -> list[str]:
    return [forme._inline.docPr.get("descr", "") for forme in document.inline_shapes]


def test_projet_de_strategie_en_word_relu(commune, fiches_six_axes):
    version = VersionFeuilleDeRoute.objects.for_collectivite(commune).get(numero=1)
    contenu, officiel = document_strategie_word(collectivite=commune, version=version)
    assert zipfile.is_zipfile(io.BytesIO(contenu)) and not officiel
    document = relire(contenu)

    # Titre du document, puis chaque chapitre en Titre 1, les six axes en Titre 2 et chaque
    # fiche en Titre 3 : ce sont les styles de titre de Word, d'où se construit le sommaire.
    titre = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titre == ["Stratégie numérique responsable"]
    chapitres = titres(document, 1)
    for rang, section in enumerate(STRATEGIE, start=1):
        assert f"{rang}. {section.titre}" in chapitres
    axes = titres(document, 2)
    for axe in Axe.objects.order_by("numero"):
        assert f"Axe {axe.numero} — {' '.join(axe.titre.split())}" in axes
    fiches = titres(document, 3)
    for fiche in fiches_six_axes:
        assert any(t.endswith(f"— {fiche.titre}") for t in fiches), fiche.titre

    # Une table des matières : un champ TOC sur les deux premiers niveaux de titres.
    instructions = [e.text for e in document.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith('TOC \\o "1-2"') for i in instructions)

    # Des tableaux, avec une ligne d'en-tête répétée sur chaque page.
    assert len(document.tables) >= 12
    budget = next(t for t in document.tables if t.rows[0].cells[0].text == "Année")
    assert [c.text for c in budget.rows[0].cells] == ["Année", "Prévu", "Dépensé"]
    assert budget.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert budget.rows[1].cells[0].text == "2025"

    # Les graphiques en images PNG, chacune avec son texte de remplacement.
    alternatives = textes_de_remplacement(document)
    assert alternatives and all(alternatives)
    assert any(a.startswith("Matrice de priorisation") for a in alternatives)
    assert any(a.startswith("Calendrier des fiches actions") for a in alternatives)
    assert all(
        p.partname.endswith(".png") for p in document.part.package.parts if "media" in p.partname
    )

    texte = texte_complet(document)
    assert "PROJET" in texte and commune.nom in texte
    assert "12 500 €" in texte and "2 025" not in texte
    assert "loi n° 2021-1485" in texte

    proprietes = document.core_properties
    assert proprietes.title == f"Stratégie numérique responsable — {commune.nom}"
    assert proprietes.language == "fr-FR"
    assert proprietes.author == commune.nom
    langue = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert langue.get(qn("w:val")) == "fr-FR"


def test_bilan_en_word_relu(commune, version_validee):
    html = bilan_html(collectivite=commune, version=version_validee, annee=2025)
    document = relire(docx_depuis_html(html))
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [
        "Bilan 2025 de la stratégie numérique responsable"
    ]
    chapitres = titres(document, 1)
    for rang, section in enumerate(BILAN, start=1):
        assert f"{rang}. {section.titre}" in chapitres
    texte = texte_complet(document)
    assert "Action exemplaire de l'axe 1" in texte
    assert "Budget prévu pour l'année : 75 000 €" in texte
    assert "Pas encore renseigné" in texte
    assert document.tables and document.core_properties.language == "fr-FR"


def test_la_version_validee_en_word_reprend_le_contenu_fige(
    commune, version_validee, executer_travaux
):
    executer_travaux()
    officiel = DocumentOfficiel.objects.get(version=version_validee)
    assert officiel.source_html and commune.nom in officiel.source_html
    ancien_nom = commune.nom
    commune.nom = "Ville renommée après la validation"
    commune.save()

    contenu, est_officiel = document_strategie_word(collectivite=commune, version=version_validee)
    texte = texte_complet(relire(contenu))
    assert est_officiel
    assert ancien_nom in texte and "Ville renommée" not in texte
    assert "PROJET" not in texte and "Validée le" in texte
    assert "au même contenu" in texte and officiel.somme_controle in texte

    # Un document officiel produit avant les versions Word n'a pas gardé son HTML : la version
    # Word est rendue à nouveau et le dit.
    DocumentOfficiel.objects.update(source_html="")
    version = VersionFeuilleDeRoute.objects.get(pk=version_validee.pk)
    contenu, _ = document_strategie_word(collectivite=commune, version=version)
    texte = texte_complet(relire(contenu))
    assert "Ville renommée" in texte and "produit avant les versions Word" in texte
    assert officiel.somme_controle in texte
    assert DocumentOfficiel.objects.get().somme_controle == officiel.somme_controle


def test_commandes_en_word(commune, version_validee, tmp_path, executer_travaux):
    executer_travaux()
    strategie = tmp_path / "strategie.docx"
    sortie = io.StringIO()
    call_command("generer_strategie", commune.code_officiel, "-o", str(strategie), stdout=sortie)
    assert "document officiel" in sortie.getvalue()
    document = relire(strategie.read_bytes())
    assert "Validée le" in texte_complet(document)
    assert len([t for t in titres(document, 2) if t.startswith("Axe ")]) == 6
    bilan = tmp_path / "BILAN.DOCX"  # l'extension se lit sans tenir compte de la casse
    call_command("generer_bilan", commune.code_officiel, "--annee", "2025", "-o", str(bilan))
    assert titres(relire(bilan.read_bytes()), 1)[0] == "1. " + BILAN[0].titre


@pytest.mark.parametrize(
    ("commande", "arguments", "fichier", "message"),
    [
        ("generer_strategie", ["00000"], "s.docx", "Aucune collectivité"),
        ("generer_bilan", ["00000", "--annee", "2025"], "b.docx", "Aucune collectivité"),
        ("generer_bilan", ["{code}", "--annee", "1"], "b.docx", "pas plausible"),
        ("generer_strategie", ["{code}"], "s.odt", "Extension « .odt »"),
        ("generer_strategie", ["{code}"], "strategie", "Extension absente"),
        ("generer_bilan", ["{code}", "--annee", "2025"], "b.doc", r"\.pdf \(PDF\) ou \.docx"),
    ],
)
def test_commandes_refusent_sans_rien_ecrire(
    commune, tmp_path, commande, arguments, fichier, message
):
    sortie = tmp_path / fichier
    arguments = [a.format(code=commune.code_officiel) for a in arguments]
    with pytest.raises(CommandError, match=message):
        call_command(commande, *arguments, "-o", str(sortie))
    assert list(tmp_path.iterdir()) == []


def test_les_boutons_word_passent_par_les_travaux(
    client_de, elu, commune, version_validee, executer_travaux
):
    client = client_de(elu)
    page = client.get(reverse("documents:index")).content.decode()
    assert "Télécharger la stratégie en Word" in page
    assert reverse("documents:bilan_word", kwargs={"annee": 2025}) in page
    assert reverse("documents:version_word", kwargs={"pk": version_validee.pk}) in page

    for url in (
        reverse("documents:strategie_word"),
        reverse("documents:version_word", kwargs={"pk": version_validee.pk}),
        reverse("documents:bilan_word", kwargs={"annee": 2025}),
    ):
        demande = client.get(url)
        assert demande.status_code == 302 and "/travaux/" in demande.url  # hors de la requête
        executer_travaux()
        fichier = _suivre(client, demande.url)
        assert fichier.status_code == 200
        assert fichier["Content-Type"] == TYPE_DOCX
        assert re.search(r'filename="[a-z0-9-]+\.docx"', fichier["Content-Disposition"])
        document = relire(fichier.content)
        assert document.core_properties.language == "fr-FR" and titres(document, 1)


def test_word_cloisonne(client, client_de, referent_epci, version_validee):
    version_word = reverse("documents:version_word", kwargs={"pk": version_validee.pk})
    assert client_de(referent_epci).get(version_word).status_code == 404
    for url in (
        version_word,
        reverse("documents:strategie_word"),
        reverse("documents:bilan_word", args=[2025]),
    ):
        reponse = client.get(url)
        assert reponse.status_code == 302 and reponse.url.startswith(reverse("connexion"))


def test_un_graphique_ne_lit_aucune_ressource_exterieure(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG pas une image")
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="100" height="50" viewBox="0 0 100 50"><title>Essai</title><desc>Une barre</desc>'
        f'<image xlink:href="file://{secret}" width="10" height="10"/>'
        '<rect width="40" height="10" fill="#000091"/></svg>'
    )
    with pytest.raises(ValueError, match="Ressource refusée"):
        graphique_depuis_svg(svg)


def test_un_texte_saisi_avec_des_caracteres_de_controle_ne_fait_pas_echouer_le_document():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><title>Fiche\x01 A'
        '</title><desc>Barre\x0c B</desc><rect width="40" height="10"/></svg>'
    )
    html = (
        '<html lang="fr"><head><title>Bilan\x02</title></head><body>'
        '<section class="garde"><h1>Bilan</h1></section><nav class="sommaire"></nav>'
        "<h2>Titre\x01 saisi</h2><p>Texte\x1b importé\u00a0: 12\u202f500\u00a0€</p>"
        f"<table><caption>Légende\x07</caption><tr><td>cellule\x08</td></tr></table>{svg}"
        "</body></html>"
    )
    document = relire(docx_depuis_html(html))
    assert titres(document, 1) == ["Titre saisi"]
    assert "Texte importé\u00a0: 12\u202f500\u00a0€" in [p.text for p in document.paragraphs]
    assert document.tables[0].cell(0, 0).text == "cellule"
    assert textes_de_remplacement(document) == ["Fiche A. Barre B."]
    assert document.core_properties.title == "Bilan"
