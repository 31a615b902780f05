"""Le moteur commun des graphiques : une règle d'échappement, des textes de remplacement."""

import datetime
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from indicateurs.graphiques import courbe_svg
from parc.graphiques import barres_svg, parts_svg
from strategie_nr.diagnostic.graphiques import radar_svg
from strategie_nr.fiches import graphiques as graphiques_fiches
from strategie_nr.fiches import selectors
from strategie_nr.fiches.tests.factories import FicheActionFactory
from strategie_nr.plateforme import graphiques
from strategie_nr.referentiel.models import Axe

HOSTILE = '<script>&"'
ECHAPPE = "&lt;script&gt;&amp;&quot;"
SVG = "{http://www.w3.org/2000/svg}"


def _fiche(titre, **autres) -> dict:
    donnees = {
        "titre": titre,
        "axe": 1,
        "priorite": 3,
        "difficulte": 1,
        "debut": datetime.date(2025, 1, 1),
        "fin": datetime.date(2025, 6, 1),
        "statut": "en_cours",
        "statut_affiche": "en_cours",
        "statut_libelle": HOSTILE,
    }
    return donnees | autres


def _graphiques_hostiles() -> dict[str, str]:
    """Chaque graphique de l'application, le libellé hostile dans chacun de ses textes libres."""
    fiches = [_fiche(HOSTILE), _fiche(HOSTILE + " deux", priorite=2)]
    return {
        "parc, barres": barres_svg(
            [(HOSTILE, 3), ("Écran", 1)], identifiant="b", titre=HOSTILE, suffixe=HOSTILE
        ),
        "parc, parts": parts_svg(
            [(2024, Decimal(12)), (2025, None)],
            seuil=Decimal(20),
            identifiant="p",
            titre=HOSTILE,
            libelle_seuil=HOSTILE,
        ),
        "indicateur, courbe": courbe_svg(
            annees=[2024, 2025],
            mesures={2024: Decimal(3), 2025: Decimal(4)},
            cibles={2025: Decimal(5)},
            unite="nombre",
            identifiant="c",
            titre=HOSTILE,
        ),
        "indicateur, oui / non": courbe_svg(
            annees=[2024, 2025],
            mesures={2024: Decimal(1)},
            cibles={2025: Decimal(1)},
            unite="oui_non",
            identifiant="o",
            titre=HOSTILE,
        ),
        "diagnostic, radar": radar_svg(
            [HOSTILE, "Mesure", "Achat"],
            [Decimal("2.5"), None, Decimal(4)],
            [Decimal(2), Decimal(1), None],
            titre=HOSTILE,
        ),
        "fiches, matrice": graphiques_fiches.matrice_svg(selectors.donnees_matrice(fiches)),
        "fiches, calendrier": graphiques_fiches.gantt_svg(selectors.donnees_gantt(fiches)),
        "moteur, barres avec pied": graphiques.barres(
            [(HOSTILE, 2)], identifiant="x", titre=HOSTILE, description=HOSTILE, pied=HOSTILE
        ),
    }


NOMS = [
    "parc, barres",
    "parc, parts",
    "indicateur, courbe",
    "indicateur, oui / non",
    "diagnostic, radar",
    "fiches, matrice",
    "fiches, calendrier",
    "moteur, barres avec pied",
]


def test_chaque_graphique_est_essaye():
    assert sorted(_graphiques_hostiles()) == sorted(NOMS)


@pytest.mark.parametrize("quoi", NOMS)
def test_libelle_hostile_echappe_une_fois(quoi):
    svg = _graphiques_hostiles()[quoi]
    assert ECHAPPE in svg
    assert "<script" not in svg, "texte brut"
    assert "&amp;lt;" not in svg and "&amp;amp;" not in svg, "échappé deux fois"
    racine = ElementTree.fromstring(str(svg))  # XML bien formé
    textes = [
        "".join(element.itertext())
        for element in racine.iter()
        if element.tag in (f"{SVG}text", f"{SVG}title", f"{SVG}desc")
    ]
    # Relu, le texte est le libellé exact : ni perdu, ni échappé deux fois.
    assert any(HOSTILE in texte for texte in textes)
    assert racine.find(f"{SVG}title").text.count(HOSTILE) <= 1


def test_regle_d_echappement_unique():
    assert graphiques.texte(HOSTILE) == ECHAPPE
    assert graphiques.texte("l'axe") == "l&#x27;axe"
    assert graphiques.texte(2025) == "2025"


@pytest.mark.parametrize("quoi", NOMS)
def test_chaque_graphique_a_un_titre_et_une_description_relies(quoi):
    racine = ElementTree.fromstring(str(_graphiques_hostiles()[quoi]))
    assert racine.get("role") == "img"
    titre, description = racine.find(f"{SVG}title"), racine.find(f"{SVG}desc")
    assert racine.get("aria-labelledby") == f"{titre.get('id')} {description.get('id')}"
    assert titre.text and description.text


def test_identifiants_numerotes_retires_pour_comparer_deux_rendus():
    un = graphiques.barres(
        [], identifiant=graphiques.identifiant_numerote("axes"), titre="t", description="d"
    )
    deux = graphiques.barres(
        [], identifiant=graphiques.identifiant_numerote("axes"), titre="t", description="d"
    )
    assert un != deux
    assert graphiques.sans_numeros(un) == graphiques.sans_numeros(deux)


def test_libelles_coupes_entre_deux_mots():
    assert graphiques.abreger("Cession à une personne publique", 27) == "Cession à une personne…"
    assert graphiques.abreger("Écran", 27) == "Écran"


def test_graduations_rondes():
    assert graphiques.graduations(0, 7) == [0, 2, 4, 6, 8]
    assert graphiques.graduations(-3, 3) == [-4, -2, 0, 2, 4]


@pytest.mark.django_db
def test_titre_hostile_echappe_une_fois_sur_la_page_de_la_feuille_de_route(client_de, agent):
    """Le titre d'une fiche passe dans le tableau (gabarit) et dans les graphiques (SVG) :
    échappé une fois, de la même façon, partout."""
    FicheActionFactory(
        version__feuille_de_route__collectivite=agent.collectivite,
        titre=HOSTILE,
        axe=Axe.objects.get(numero=2),
    )
    page = client_de(agent).get(reverse("fiches:index")).content.decode()
    assert page.count(ECHAPPE) >= 2  # le calendrier (description, infobulle) et la liste
    assert HOSTILE not in page
    assert "&amp;lt;script" not in page and "&amp;amp;" not in page
