"""La page « Publication des données » du référent."""

from django.urls import reverse

from strategie_nr.donnees.selectors import publication_de
from strategie_nr.plateforme.models import EntreeHistorique

URL = reverse("donnees:publication")


def test_le_referent_publie_et_voit_l_historique(client_de, referent):
    client = client_de(referent)
    reponse = client.get(URL)
    html = reponse.content.decode()
    assert reponse.status_code == 200
    assert html.count("<h1") == 1
    assert "Aucune donnée n'est publiée pour l'instant." in html
    assert 'for="id_indicateurs"' in html
    reponse = client.post(URL, {"indicateurs": "on"}, follow=True)
    html = reponse.content.decode()
    assert "Les choix de publication sont enregistrés." in html
    assert reverse("donnees:page", args=[referent.collectivite.code_officiel]) in html
    # L'historique commun : le choix, avant et après, et qui.
    assert "<strong>publier les indicateurs et leurs valeurs</strong> : non → oui" in html
    publication = publication_de(referent.collectivite)
    assert publication.indicateurs and not publication.strategie


def test_strategie_choisie_sans_version_validee_le_dit(client_de, referent):
    client = client_de(referent)
    client.post(URL, {"strategie": "on"})
    html = client.get(URL).content.decode()
    assert "La stratégie sera publiée dès qu'une version de la feuille de route sera validée." in (
        html.replace("&#x27;", "'")
    )


def test_agent_et_elu_ne_changent_pas_la_publication(client_de, agent, elu):
    for membre in (agent, elu):
        client = client_de(membre)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"indicateurs": "on"}).status_code == 403
    assert not publication_de(agent.collectivite).publie_quelque_chose
    assert not EntreeHistorique.objects.filter(objet_type="donnees.publication").exists()


def test_anonyme_renvoye_vers_la_connexion(client):
    reponse = client.get(URL)
    assert reponse.status_code == 302 and reponse.url.startswith(reverse("connexion"))


def test_la_page_de_la_collectivite_mene_au_reglage_pour_le_referent_seulement(
    client_de, referent, agent
):
    page = reverse("collectivites:profil_collectivite")
    assert URL in client_de(referent).get(page).content.decode()
    assert URL not in client_de(agent).get(page).content.decode()
