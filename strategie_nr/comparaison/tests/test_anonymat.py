"""On essaie d'isoler une collectivité en resserrant les groupes : on ne doit pas y arriver.

Les chiffres sont remplacés ici par une valeur distincte par collectivité (son nombre
d'agents), pour qu'une valeur qui fuirait se reconnaisse dans la page ; le calcul des vrais
chiffres est vérifié à part (`test_chiffres.py`).
"""

import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collectivites.enums import Nature, Role
from collectivites.tests.factories import CollectiviteFactory, MembreFactory
from collectivites.tests.outils import client_connecte
from strategie_nr.comparaison import services
from strategie_nr.comparaison.chiffres import DEPUIS_DIAGNOSTIC, Valeur
from strategie_nr.comparaison.enums import strate_de
from strategie_nr.comparaison.models import Contribution, Statistique
from strategie_nr.comparaison.services import comparaison_publier
from strategie_nr.comparaison.statistiques import cles_de_groupes

CODE = "maturite.globale"


@pytest.fixture(autouse=True)
def valeurs_reconnaissables(monkeypatch):
    def valeurs_de(collectivite, *, annee):
        valeur = Decimal(collectivite.nombre_agents)
        return [Valeur(CODE, annee, valeur, DEPUIS_DIAGNOSTIC)]

    monkeypatch.setattr(services.chiffres_, "valeurs_de", valeurs_de)


_codes = itertools.count(1)


def participante(*, nature=Nature.COMMUNE, population=60_000, agents=None, participe=True):
    rang = next(_codes)
    code = f"98{rang:03d}" if nature == Nature.COMMUNE else _siren(rang)
    return CollectiviteFactory(
        nom=f"Collectivité secrète {rang}",
        code_officiel=code,
        nature=nature,
        population=population,
        nombre_agents=agents if agents is not None else 100 + 7 * rang,
        participe_comparaison=participe,
    )


def _siren(rang: int) -> str:
    from strategie_nr.comparaison.demo import _siren as siren

    return siren(f"9998{rang:04d}")


def page(collectivite, role=Role.ELU) -> str:
    membre = MembreFactory(collectivite=collectivite, role=role)
    reponse = client_connecte(membre).get(reverse("comparaison:index"))
    assert reponse.status_code == 200
    return reponse.content.decode()


@pytest.mark.django_db
def test_un_groupe_de_quatre_n_est_pas_montre_et_rien_n_en_sort():
    autres = [participante(agents=901 + i) for i in range(3)]
    moi = participante(agents=500)
    comparaison_publier()
    assert not Statistique.objects.exists()
    html = page(moi)
    assert "Votre valeur" in html and "500" in html
    for autre in autres:
        assert str(autre.nombre_agents) not in html
        assert autre.nom not in html and autre.code_officiel not in html
    assert "Médiane" not in html


@pytest.mark.django_db
def test_resserrer_le_groupe_sur_une_collectivite_ne_revele_rien():
    """Six communes de 50 001 à 100 000 habitants et une seule de 20 000 à 50 000 : le groupe
    « même population » des premières diffère de « toutes » d'une collectivité, la seule
    petite commune ; il n'est pas montré, sinon la différence la désignerait."""
    grandes = [participante(population=60_000 + i, agents=200 + i) for i in range(6)]
    petite = participante(population=30_000, agents=977)
    comparaison_publier()
    html = page(grandes[0])
    assert "Toutes les participantes" in html
    assert "Même nature : communes" in html
    assert "Même population :" not in html and "Communes de" not in html
    # La petite commune ne voit que des groupes qui la contiennent avec 6 autres.
    html_petite = page(petite)
    assert "Même population :" not in html_petite
    assert "977" in html_petite  # sa propre valeur
    for grande in grandes:
        assert grande.nom not in html_petite


@pytest.mark.django_db
def test_aucune_paire_de_groupes_publies_ne_differe_d_une_a_quatre_collectivites():
    """Toutes les combinaisons de nature et de population d'une instance bigarrée : deux
    groupes publiés ne permettent jamais, par différence, d'isoler moins de cinq
    collectivités, qui que soit celui qui regarde (membre de plusieurs collectivités
    compris)."""
    profils = (
        [(Nature.COMMUNE, 60_000)] * 7
        + [(Nature.COMMUNE, 30_000)] * 6
        + [(Nature.COMMUNE, 150_000)] * 2
        + [(Nature.EPCI, 60_000)] * 5
        + [(Nature.EPCI, 150_000)] * 3
    )
    participantes = [participante(nature=n, population=p) for n, p in profils]
    comparaison_publier()
    membres = {}
    for collectivite in participantes:
        for cle in cles_de_groupes(collectivite.nature, strate_de(collectivite.population)):
            membres.setdefault(cle, set()).add(collectivite.pk)
    publies = [(s.nature, s.strate) for s in Statistique.objects.filter(code=CODE)]
    assert ("", "") in publies and len(publies) > 2
    for statistique in Statistique.objects.all():
        assert statistique.effectif >= 5
        assert statistique.effectif == len(membres[(statistique.nature, statistique.strate)])
    for a, b in itertools.combinations(publies, 2):
        for difference in (membres[a] - membres[b], membres[b] - membres[a]):
            assert len(difference) == 0 or len(difference) >= 5, (a, b)


@pytest.mark.django_db
def test_ni_nom_ni_effectif_exact_ni_minimum_ni_maximum():
    moi = participante(agents=300)
    autres = [participante(agents=agents) for agents in (111, 222, 444, 555, 999)]
    comparaison_publier()
    html = page(moi)
    assert "5 à 9 collectivités" in html
    assert "6 collectivités" not in html
    # Les valeurs extrêmes (111 et 999) ne figurent nulle part.
    assert "111" not in html and "999" not in html
    for autre in autres:
        assert autre.nom not in html and autre.code_officiel not in html


@pytest.mark.django_db
def test_adhesion_et_retrait_ne_changent_rien_avant_la_publication_suivante():
    """Deux regards, avant et après le retrait d'une collectivité : la même page, tant que
    les chiffres de toutes n'ont pas été arrêtés à nouveau."""
    moi = participante(agents=300)
    autres = [participante() for _ in range(5)]
    comparaison_publier()
    avant = page(moi)
    sortante = autres[0]
    referent = MembreFactory(collectivite=sortante, role=Role.REFERENT)
    reponse = client_connecte(referent).post(
        reverse("comparaison:participation"), {"participe": "non"}
    )
    assert reponse.status_code == 302
    participante()  # une nouvelle participante, le même jour
    apres = page(moi)

    def tableaux(html):
        return html[html.index("<h1") : html.index("</main>")]

    assert tableaux(apres) == tableaux(avant)
    comparaison_publier()
    assert not Contribution.objects.filter(collectivite=sortante).exists()


@pytest.mark.django_db
def test_une_collectivite_qui_ne_participe_pas_ne_voit_aucun_groupe():
    for _ in range(6):
        participante()
    comparaison_publier()
    absente = participante(participe=False)
    html = page(absente)
    assert "ne participe pas" in html
    assert "Médiane" not in html


@pytest.mark.django_db
def test_requetes_de_la_page_independantes_du_nombre_de_collectivites():
    moi = participante()
    for _ in range(5):
        participante()
    comparaison_publier()
    client = client_connecte(MembreFactory(collectivite=moi, role=Role.REFERENT))
    url = reverse("comparaison:index")
    client.get(url)

    def compter():
        with CaptureQueriesContext(connection) as requetes:
            assert client.get(url).status_code == 200
        return len(requetes)

    avant = compter()
    for rang in range(30):
        participante(nature=[Nature.COMMUNE, Nature.EPCI][rang % 2], population=30_000 * rang)
    comparaison_publier()
    assert compter() == avant


@pytest.mark.django_db
def test_qui_vient_d_adherer_ne_voit_les_groupes_qu_avec_ses_chiffres():
    """Adhérer, regarder, se retirer avant la publication : on n'a rien vu des autres."""
    for _ in range(6):
        participante()
    comparaison_publier()
    curieuse = participante()
    html = page(curieuse)
    assert "n'entrent pas dans cette publication" in html
    assert "Médiane" not in html
    comparaison_publier()
    assert "Médiane" in page(curieuse)
