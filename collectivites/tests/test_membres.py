import pytest
from django.urls import reverse

from collectivites.enums import Role
from collectivites.models import Membre
from collectivites.tests.factories import MembreFactory

pytestmark = pytest.mark.django_db

URL_MEMBRES = reverse("collectivites:membres")


def test_anonyme_renvoye_a_la_connexion(client, referent):
    for url in [
        URL_MEMBRES,
        reverse("collectivites:membre_role", args=[referent.pk]),
        reverse("collectivites:membre_activite", args=[referent.pk]),
    ]:
        reponse = client.get(url)
        assert reponse.status_code == 302
        assert reponse.url.startswith(reverse("connexion"))


@pytest.mark.parametrize("role, statut", [("referent", 200), ("agent", 403), ("elu", 403)])
def test_seul_le_referent_gere_les_membres(request, client_de, role, statut):
    membre = request.getfixturevalue(role)
    reponse = client_de(membre).get(URL_MEMBRES)
    assert reponse.status_code == statut
    if statut == 403:
        assert "Accès refusé" in reponse.content.decode()


@pytest.mark.parametrize("role", ["agent", "elu"])
def test_agent_et_elu_ne_changent_pas_les_roles(request, client_de, referent, role):
    membre = request.getfixturevalue(role)
    client = client_de(membre)
    url = reverse("collectivites:membre_role", args=[referent.pk])
    assert client.post(url, {"role": Role.ELU}).status_code == 403
    url = reverse("collectivites:membre_activite", args=[referent.pk])
    assert client.post(url, {"actif": "0"}).status_code == 403
    referent.refresh_from_db()
    assert referent.role == Role.REFERENT and referent.actif


def test_le_referent_d_une_autre_collectivite_recoit_une_404(client_de, referent_epci, agent):
    client = client_de(referent_epci)
    for url in [
        reverse("collectivites:membre_role", args=[agent.pk]),
        reverse("collectivites:membre_activite", args=[agent.pk]),
    ]:
        assert client.post(url, {"role": Role.REFERENT, "actif": "0"}).status_code == 404
    agent.refresh_from_db()
    assert agent.role == Role.AGENT and agent.actif
    page = client.get(URL_MEMBRES).content.decode()
    assert agent.utilisateur.email not in page


def test_la_liste_ne_montre_que_les_membres_de_la_collectivite(client_de, referent, agent, epci):
    autre = MembreFactory(collectivite=epci)
    page = client_de(referent).get(URL_MEMBRES).content.decode()
    assert agent.utilisateur.email in page
    assert autre.utilisateur.email not in page


def test_nombre_de_requetes_borne(client_de, referent, commune, django_assert_max_num_queries):
    client = client_de(referent)
    with django_assert_max_num_queries(8):
        client.get(URL_MEMBRES)
    MembreFactory.create_batch(15, collectivite=commune)
    with django_assert_max_num_queries(8):
        reponse = client.get(URL_MEMBRES)
    assert reponse.status_code == 200


def test_changer_le_role_et_desactiver(client_de, referent, agent):
    client = client_de(referent)
    client.post(reverse("collectivites:membre_role", args=[agent.pk]), {"role": Role.ELU})
    agent.refresh_from_db()
    assert agent.role == Role.ELU
    client.post(reverse("collectivites:membre_activite", args=[agent.pk]), {"actif": "0"})
    agent.refresh_from_db()
    assert not agent.actif
    # Le membre désactivé n'accède plus à la collectivité.
    assert client_de(agent).get(reverse("tableau_de_bord")).status_code == 403


def test_un_role_inconnu_est_refuse_sans_rien_changer(client_de, referent, agent):
    reponse = client_de(referent).post(
        reverse("collectivites:membre_role", args=[agent.pk]), {"role": "admin"}, follow=True
    )
    assert "Choisissez un rôle dans la liste." in reponse.content.decode()
    agent.refresh_from_db()
    assert agent.role == Role.AGENT


def test_le_dernier_referent_ne_peut_pas_se_retirer(client_de, referent):
    client = client_de(referent)
    reponse = client.post(
        reverse("collectivites:membre_role", args=[referent.pk]), {"role": Role.AGENT}, follow=True
    )
    assert "au moins un référent actif" in reponse.content.decode()
    reponse = client.post(
        reverse("collectivites:membre_activite", args=[referent.pk]), {"actif": "0"}, follow=True
    )
    assert "au moins un référent actif" in reponse.content.decode()
    referent.refresh_from_db()
    assert referent.role == Role.REFERENT and referent.actif
    second = MembreFactory(collectivite=referent.collectivite, role=Role.REFERENT)
    client.post(reverse("collectivites:membre_role", args=[referent.pk]), {"role": Role.AGENT})
    referent.refresh_from_db()
    assert referent.role == Role.AGENT
    assert Membre.objects.get(pk=second.pk).role == Role.REFERENT


def test_desactiver_demande_confirmation_et_dit_comment_defaire(client_de, referent, agent):
    client = client_de(referent)
    url = reverse("collectivites:membre_activite", args=[agent.pk])
    assert url in client.get(URL_MEMBRES).content.decode()
    page = client.get(url).content.decode()
    assert "Désactiver le compte de" in page and "Cela se défait" in page
    agent.refresh_from_db()
    assert agent.actif  # la page de confirmation ne change rien
    client.post(url, {"actif": "0"})
    agent.refresh_from_db()
    assert not agent.actif
    assert "Réactiver" in client.get(URL_MEMBRES).content.decode()


def test_page_de_desactivation_protegee(client, client_de, agent, elu, referent_epci):
    url = reverse("collectivites:membre_activite", args=[agent.pk])
    assert client.get(url).url.startswith(reverse("connexion"))
    assert client_de(elu).get(url).status_code == 403
    assert client_de(referent_epci).get(url).status_code == 404
