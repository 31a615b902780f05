from html import unescape

import pytest
from django.urls import reverse

from collectivites.tests.factories import MembreFactory, UtilisateurFactory
from strategie_nr.programme.tests.factories import programme_complet
from strategie_nr.referentiel.models import Pratique

pytestmark = pytest.mark.django_db

PAGES_REFERENTIEL = [
    reverse("referentiel:index"),
    reverse("referentiel:axe", args=[2]),
    reverse("referentiel:pratiques"),
    reverse("referentiel:pratique", args=["i.4"]),
]


@pytest.mark.parametrize("url", [reverse("tableau_de_bord"), *PAGES_REFERENTIEL])
def test_anonyme_renvoye_a_la_connexion(client, url):
    reponse = client.get(url)
    assert reponse.status_code == 302
    assert reponse.url == f"{reverse('connexion')}?next={url}"


@pytest.mark.parametrize("role", ["referent", "agent", "elu"])
def test_tableau_de_bord_pour_chaque_role(request, client_de, role):
    membre = request.getfixturevalue(role)
    page = unescape(client_de(membre).get(reverse("tableau_de_bord")).content.decode())
    assert f"Tableau de bord — {membre.collectivite.nom}" in page
    assert "L'article 35 de la loi REEN s'applique" in page
    assert "au plus tard le 1er janvier 2025" in page
    assert "Étape 1 : Sécuriser les prérequis" in page
    assert "Étape 5 : Valider la feuille de route" in page


def test_le_tableau_de_bord_montre_ce_qui_manque(client_de, referent):
    page = unescape(client_de(referent).get(reverse("tableau_de_bord")).content.decode())
    assert "Fait :</span>\n          \n          <a" in page or "Fait :" in page
    assert "À faire :" in page  # ni agent ni élu encore
    MembreFactory(collectivite=referent.collectivite)
    MembreFactory(collectivite=referent.collectivite, elu=True)
    programme_complet(referent.collectivite)
    page = unescape(client_de(referent).get(reverse("tableau_de_bord")).content.decode())
    assert "terminée" in page


def test_tableau_de_bord_sans_obligation_reen(client_de, epci, referent_epci):
    epci.population = 30_000
    epci.save()
    page = unescape(client_de(referent_epci).get(reverse("tableau_de_bord")).content.decode())
    assert "ne s'applique pas" in page


def test_tableau_de_bord_d_un_utilisateur_sans_collectivite(client):
    client.force_login(UtilisateurFactory())
    reponse = client.get(reverse("tableau_de_bord"))
    assert reponse.status_code == 403
    assert "membre d'aucune collectivité" in unescape(reponse.content.decode())


def test_tableau_de_bord_requetes_bornees(client_de, referent, django_assert_max_num_queries):
    client = client_de(referent)
    # Chaque domaine ajoute ses contrôles (une ou deux requêtes) ; le total ne dépend pas des
    # données de la collectivité.
    with django_assert_max_num_queries(20) as avant:
        assert client.get(reverse("tableau_de_bord")).status_code == 200
    MembreFactory.create_batch(10, collectivite=referent.collectivite)
    with django_assert_max_num_queries(len(avant.captured_queries)):
        client.get(reverse("tableau_de_bord"))


@pytest.mark.parametrize("url", PAGES_REFERENTIEL)
def test_referentiel_lisible_par_tous_les_roles(request, client_de, url, elu, agent):
    for membre in (elu, agent):
        assert client_de(membre).get(url).status_code == 200


@pytest.mark.parametrize("url", PAGES_REFERENTIEL)
def test_referentiel_requetes_bornees(client_de, elu, url, django_assert_max_num_queries):
    client = client_de(elu)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_page_d_un_axe_complete(client_de, elu):
    page = unescape(client_de(elu).get(reverse("referentiel:axe", args=[2])).content.decode())
    assert "La gestion durable et de proximité du cycle de vie du matériel informatique" in page
    assert "<li>ne pas conserver de stock dormant,</li>" in page
    assert '<a href="https://dons.encheres-domaine.gouv.fr/" rel="noopener">' in page
    assert "La ville de Poitiers a établi un partenariat" in page


def test_axe_inconnu(client_de, elu):
    assert client_de(elu).get("/referentiel/axes/7/").status_code == 404
    assert client_de(elu).get("/referentiel/axes/abc/").status_code == 404


def test_catalogue_filtre_par_famille_priorite_difficulte(client_de, elu):
    client = client_de(elu)
    url = reverse("referentiel:pratiques")
    page = unescape(client.get(url).content.decode())
    assert "59 pratiques." in page
    assert "Licence Ouverte / Etalab 2.0" in page
    page = unescape(client.get(url, {"famille": "i.", "priorite": "prioritaire"}).content.decode())
    attendu = Pratique.objects.filter(famille__code="i.", priorite="prioritaire").count()
    assert f"{attendu} pratiques." in page
    assert "Faire appel à un éco-organisme" in page or attendu
    page = unescape(client.get(url, {"difficulte": "facile"}).content.decode())
    assert "12 pratiques." in page


def test_catalogue_filtre_invalide_ne_plante_pas(client_de, elu):
    reponse = client_de(elu).get(reverse("referentiel:pratiques"), {"priorite": "<script>"})
    assert reponse.status_code == 200
    assert "<script>" not in reponse.content.decode()


def test_pratique_inconnue(client_de, elu):
    assert client_de(elu).get(reverse("referentiel:pratique", args=["z.99"])).status_code == 404


def test_pages_d_erreur_en_francais(client_de, elu):
    reponse = client_de(elu).get("/nulle-part/")
    assert reponse.status_code == 404
    assert "Page introuvable" in reponse.content.decode()
