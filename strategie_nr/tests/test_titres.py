"""Les titres (h1, h2) des pages et les titres des documents commencent par une majuscule ;
aucune page n'affiche un nombre ou une date bruts (« 60000.00 », « 2026-03-15 »)."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from collectivites.tests.outils import client_connecte
from strategie_nr.demo import demo_charger
from strategie_nr.documents.rendu import bilan_html, strategie_html
from strategie_nr.documents.selectors import version_du_bilan
from strategie_nr.tests.test_balayage_isolation import (
    PARAMETRES,
    PUBLIQUES,
    Donnees,
    accepte,
    motifs_nommes,
)

pytestmark = pytest.mark.django_db


class Texte(HTMLParser):
    """Le texte visible d'une page (sans scripts, styles ni attributs)."""

    def __init__(self):
        super().__init__()
        self.morceaux, self._cache = [], 0

    def handle_starttag(self, balise, attributs):
        if balise in ("script", "style", "title", "desc"):
            self._cache += 1

    def handle_endtag(self, balise):
        if balise in ("script", "style", "title", "desc"):
            self._cache -= 1

    def handle_data(self, texte):
        if not self._cache:
            self.morceaux.append(texte)


BRUTS = re.compile(r"(?<![\d/.,-])(\d{4}-\d{2}-\d{2}|\d+\.\d{2})(?![\d.])")


# Formats de saisie acceptés, cités comme tels par la page d'import.
CITES = {"/parc/import/": {"2023-12-31"}}


def bruts(html: str) -> list[str]:
    """Les dates ISO et les nombres à point décimal du texte visible."""
    lecteur = Texte()
    lecteur.feed(html)
    return BRUTS.findall(" ".join(lecteur.morceaux))


def test_bruts():
    assert bruts("<p>Budget : 60000.00 → 70000.00, le 2026-03-15</p>") == [
        "60000.00",
        "70000.00",
        "2026-03-15",
    ]
    assert bruts('<p data-x="2026-03-15">12 500 €, 31/12/2025, 1,5</p>') == []


class Titres(HTMLParser):
    """Le texte de chaque titre demandé (h1 et h2 par défaut)."""

    def __init__(self, balises=("h1", "h2")):
        super().__init__()
        self.balises, self.titres, self._courant = balises, [], None

    def handle_starttag(self, balise, attributs):
        if balise in self.balises:
            self._courant = []

    def handle_endtag(self, balise):
        if balise in self.balises and self._courant is not None:
            self.titres.append(" ".join("".join(self._courant).split()))
            self._courant = None

    def handle_data(self, texte):
        if self._courant is not None:
            self._courant.append(texte)


def titres(html: str, balises=("h1", "h2")) -> list[str]:
    lecteur = Titres(balises)
    lecteur.feed(html)
    return lecteur.titres


def sans_majuscule(titre: str) -> bool:
    """Le titre commence, après un numéro (« 3. ») ou un code de pratique (« a.1 ») éventuel,
    par une minuscule. Un titre qui commence par un symbole (« % des dépenses… », libellé
    d'indicateur de la source) n'a pas de première lettre à capitaliser."""
    reste = re.sub(r"^([a-z]\.\d+|[\d.]+)\s+", "", titre)
    return reste[:1].islower()


def test_sans_majuscule():
    assert sans_majuscule("4. pilotage de la stratégie")
    assert not sans_majuscule("4. Pilotage de la stratégie")
    assert not sans_majuscule("Élaboration")
    assert sans_majuscule("indicateurs 2026")
    assert not sans_majuscule("a.1 Coordonner la démarche")
    assert sans_majuscule("a.1 coordonner la démarche")
    assert not sans_majuscule("% des dépenses")


@pytest.fixture
def demo():
    return demo_charger()


def _donnees(demo) -> Donnees:
    membres = demo["membres"]
    return Donnees(
        commune=demo["commune"],
        epci=demo["epci"],
        agent=membres["agent@demo.test"],
        elu=membres["elu@demo.test"],
        referent=membres["referent@demo.test"],
        referent_epci=membres["referent@valdemo.test"],
        invitation=None,
    )


def test_chaque_page_a_des_titres_capitalises_et_aucun_nombre_brut(demo):
    donnees = _donnees(demo)
    clients = {
        "référent": client_connecte(donnees.referent),
        "élu": client_connecte(donnees.elu),
        "agent": client_connecte(donnees.agent),
    }
    fautes, lues = [], 0
    for nom, motif in motifs_nommes():
        if not accepte(motif, "get") or nom in ("deconnexion", "invitation_accepter"):
            continue
        try:
            url = reverse(nom, kwargs=PARAMETRES[nom](donnees) if nom in PARAMETRES else {})
        except AttributeError:
            continue  # paramètre tiré d'une invitation, que ce balayage ne crée pas
        roles = {"anonyme": Client()} if nom in PUBLIQUES else clients
        for role, client in roles.items():
            reponse = client.get(url)
            if reponse.streaming:
                b"".join(reponse.streaming_content)  # fichier servi tel quel : le lire le ferme
                continue
            if reponse.status_code != 200 or "text/html" not in reponse.get("Content-Type", ""):
                continue
            lues += 1
            html = reponse.content.decode()
            for titre in titres(html):
                if sans_majuscule(titre):
                    fautes.append(f"{url} ({role}) : « {titre} »")
            fautes += [
                f"{url} ({role}) : « {brut} » brut"
                for brut in bruts(html)
                if brut not in CITES.get(url, set())
            ]
    assert lues > 40
    assert not fautes, "\n".join(fautes)


def test_les_documents_ont_des_titres_capitalises_et_aucun_nombre_brut(demo):
    commune = demo["commune"]
    documents = {
        "stratégie": strategie_html(collectivite=commune, version=demo["version_validee_demo"]),
        "bilan": bilan_html(
            collectivite=commune,
            version=version_du_bilan(commune),
            annee=timezone.localdate().year - 1,
        ),
    }
    fautes = []
    for nom, html in documents.items():
        tous = titres(html, ("h1", "h2", "h3", "h4"))
        assert len(tous) > 10
        fautes += [f"{nom} : « {titre} »" for titre in tous if sans_majuscule(titre)]
        fautes += [f"{nom} : « {brut} » brut" for brut in bruts(html)]
    assert not fautes, "\n".join(fautes)
