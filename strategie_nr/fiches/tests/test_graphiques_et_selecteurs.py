import datetime
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from strategie_nr.fiches import graphiques, selectors
from strategie_nr.fiches.models import statut_affiche
from strategie_nr.plateforme.graphiques import abreger
from strategie_nr.referentiel.models import Axe

pytestmark = pytest.mark.django_db


def fiche(titre, axe=1, priorite=2, difficulte=2, debut=(2025, 1), fin=(2025, 3), **autres):
    donnees = {
        "titre": titre,
        "axe": axe,
        "priorite": priorite,
        "difficulte": difficulte,
        "debut": datetime.date(*debut, 1),
        "fin": datetime.date(*fin, 1),
        "statut": "en_cours",
        "budget": Decimal(0),
        "budgets": [],
        "moyens_humains": None,
        "moyens_unite": "jh",
        "statut_affiche": "en_cours",
        "statut_libelle": "En cours",
    }
    return donnees | autres


def svg(chaine) -> ElementTree.Element:
    return ElementTree.fromstring(str(chaine))


def test_en_retard_calcule():
    fin = datetime.date(2025, 3, 1)
    assert statut_affiche("en_cours", fin, datetime.date(2025, 3, 31))[0] == "en_cours"
    assert statut_affiche("en_cours", fin, datetime.date(2025, 4, 1)) == ("en_retard", "En retard")
    assert statut_affiche("realisee", fin, datetime.date(2026, 1, 1))[0] == "realisee"
    assert statut_affiche("abandonnee", fin, datetime.date(2026, 1, 1))[0] == "abandonnee"


def test_matrice_svg_compte_chaque_case_et_se_decrit():
    cases = selectors.donnees_matrice(
        [fiche("A", priorite=3, difficulte=1), fiche("B", priorite=3, difficulte=1), fiche("C")]
    )
    racine = svg(graphiques.matrice_svg(cases))
    ns = "{http://www.w3.org/2000/svg}"
    assert racine.get("role") == "img"
    assert "3 fiche(s)" in racine.find(f"{ns}title").text
    description = racine.find(f"{ns}desc").text
    assert "priorité prioritaire, difficulté facile : 2 fiche(s)" in description
    assert "priorité recommandée, difficulté moyenne : 1 fiche(s)" in description


def test_gantt_une_barre_par_fiche_a_la_bonne_place():
    fiches = [fiche("Court", debut=(2025, 1), fin=(2025, 1)), fiche("Long <&>", fin=(2025, 12))]
    donnees = selectors.donnees_gantt(fiches)
    assert len(donnees["mois"]) == 12
    racine = svg(graphiques.gantt_svg(donnees))  # le texte est échappé : XML valide
    barres = [
        r for r in racine.iter("{http://www.w3.org/2000/svg}rect") if r.get("class") == "barre"
    ]
    assert len(barres) == 2
    assert float(barres[1].get("width")) == pytest.approx(12 * float(barres[0].get("width")) + 22)
    assert (
        "Long <&> : de janv. 2025 à déc. 2025"
        in racine.find("{http://www.w3.org/2000/svg}desc").text
    )


def test_gantt_et_matrice_par_numero_avec_legende():
    fiches = selectors.numeroter(
        [
            fiche("Acheter reconditionné", priorite=3, difficulte=1),
            fiche(
                "Donner",
                axe=2,
                priorite=3,
                difficulte=1,
                statut_affiche="realisee",
                statut_libelle="Réalisée",
            ),
        ]
    )
    gantt = svg(graphiques.gantt_svg(selectors.donnees_gantt(fiches)))
    textes = [t.text for t in gantt.iter("{http://www.w3.org/2000/svg}text")]
    # Le statut s'écrit : la couleur n'est pas seule à le dire, et la légende la nomme.
    assert "Fiche 1.1 — en cours" in textes and "Fiche 2.1 — réalisée" in textes
    assert {"En cours", "Réalisée", "mois en cours"} <= set(textes)
    assert not any(t and "Acheter" in t for t in textes)
    matrice = svg(graphiques.matrice_svg(selectors.donnees_matrice(fiches)))
    assert "1.1 · 2.1" in [t.text for t in matrice.iter("{http://www.w3.org/2000/svg}text")]


def test_gantt_marque_le_mois_en_cours_s_il_est_dans_la_periode():
    fiches = [fiche("A", debut=(2025, 1), fin=(2025, 6))]
    dedans = graphiques.gantt_svg(selectors.donnees_gantt(fiches, datetime.date(2025, 3, 17)))
    dehors = graphiques.gantt_svg(selectors.donnees_gantt(fiches, datetime.date(2027, 3, 17)))
    assert "Mois en cours" in dedans and "Mois en cours" not in dehors


def test_titres_coupes_entre_deux_mots_et_legendes():
    titre = "Allonger la durée d'usage des postes de travail de cinq à sept ans"
    court = abreger(titre, 40)
    assert court.endswith("…") and len(court) <= 40
    assert titre.startswith(court[:-1]) and titre[len(court) - 1] == " "
    gantt = graphiques.gantt_svg(selectors.donnees_gantt([fiche(titre, statut="en_cours")]))
    assert ">en cours</text>" in gantt.lower()  # la légende des couleurs de statut
    matrice = graphiques.matrice_svg(selectors.donnees_matrice([fiche(titre)]))
    assert "à lancer d&#x27;abord" in matrice or "à lancer d'abord" in matrice
    for mot in ("Allonger", "durée", "postes"):
        assert mot in matrice or mot in gantt


def test_gantt_sans_fiche():
    assert "Aucune fiche" in graphiques.gantt_svg(selectors.donnees_gantt([]))


def test_budget_consolide_par_annee_et_par_axe():
    fiches = [
        fiche(
            "A",
            axe=1,
            budget=Decimal(1000),
            budgets=[{"annee": 2025, "montant": Decimal(600)}],
            moyens_humains=Decimal(5),
        ),
        fiche(
            "B",
            axe=1,
            budget=Decimal(500),
            budgets=[{"annee": 2026, "montant": Decimal(500)}],
            moyens_humains=Decimal("0.5"),
            moyens_unite="etp",
        ),
        fiche("C", axe=3, budget=Decimal(200)),
    ]
    budget = selectors.budget_consolide(fiches)
    assert budget["annees"] == [2025, 2026]
    assert budget["par_annee"] == {2025: 600, 2026: 500}
    assert budget["par_axe"][1]["annees"] == {2025: 600, 2026: 500}
    assert budget["par_axe"][1]["non_reparti"] == 400
    assert budget["par_axe"][3]["non_reparti"] == 200
    assert budget["total"] == 1700 and budget["non_reparti"] == 600
    assert budget["moyens"] == {"jh": 5, "etp": Decimal("0.5")}


def test_fiches_par_axe_et_barres():
    axes = list(Axe.objects.all())
    par_axe = selectors.fiches_par_axe([fiche("A", axe=2), fiche("B", axe=2)], axes)
    assert [ligne["nombre"] for ligne in par_axe] == [0, 2, 0, 0, 0, 0]
    racine = svg(graphiques.barres_axes_svg(par_axe))
    assert "2 au total" in racine.find("{http://www.w3.org/2000/svg}title").text


def test_somme_de_controle_stable_et_sensible():
    contenu = {"fiches": [{"titre": "é", "budget": "1.00"}], "numero": 1}
    assert selectors.somme_controle(contenu) == selectors.somme_controle(
        dict(reversed(contenu.items()))
    )
    assert selectors.somme_controle(contenu) != selectors.somme_controle(contenu | {"numero": 2})
    assert len(selectors.somme_controle(contenu)) == 64
