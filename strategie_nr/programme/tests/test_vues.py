from html import unescape

import pytest
from django.urls import reverse

from strategie_nr.programme import services
from strategie_nr.programme.enums import NaturePartiePrenante
from strategie_nr.programme.models import ActionEngagee, BilanImpact, PartiePrenante
from strategie_nr.programme.tests.factories import (
    ActionEngageeFactory,
    BilanImpactFactory,
    PartiePrenanteFactory,
)
from strategie_nr.referentiel.models import Axe

pytestmark = pytest.mark.django_db

PAGES_LECTURE = ["index", "parties_prenantes", "bilan", "actions", "historique"]
PAGES_EDITION = ["partie_prenante_creer", "bilan_modifier", "action_creer"]


def texte(reponse) -> str:
    return unescape(reponse.content.decode())


@pytest.fixture
def partie(commune):
    return PartiePrenanteFactory(collectivite=commune, nom="Ordi Solidaire")


@pytest.fixture
def action(commune):
    return ActionEngageeFactory(collectivite=commune, titre="Don des postes réformés")


def urls_objets(partie, action):
    return [
        reverse("programme:partie_prenante_modifier", args=[partie.pk]),
        reverse("programme:partie_prenante_supprimer", args=[partie.pk]),
        reverse("programme:action_modifier", args=[action.pk]),
        reverse("programme:action_supprimer", args=[action.pk]),
    ]


def test_anonyme_renvoye_a_la_connexion(client, partie, action):
    for url in [reverse(f"programme:{n}") for n in PAGES_LECTURE + PAGES_EDITION] + urls_objets(
        partie, action
    ):
        reponse = client.get(url)
        assert reponse.status_code == 302 and reponse.url.startswith(reverse("connexion"))


@pytest.mark.parametrize("role", ["referent", "agent", "elu"])
def test_tout_membre_lit_le_programme(request, client_de, role, partie, action):
    client = client_de(request.getfixturevalue(role))
    for nom in PAGES_LECTURE:
        assert client.get(reverse(f"programme:{nom}")).status_code == 200
    page = texte(client.get(reverse("programme:parties_prenantes")))
    assert "Ordi Solidaire" in page
    assert ("Ajouter une partie prenante" in page) == (role != "elu")


def test_l_elu_ne_modifie_rien(client_de, elu, partie, action):
    client = client_de(elu)
    for nom in PAGES_EDITION:
        assert client.get(reverse(f"programme:{nom}")).status_code == 403
    for url in urls_objets(partie, action):
        assert client.get(url).status_code == 403
        assert client.post(url, {"nom": "Piraté", "titre": "Piraté"}).status_code == 403
    assert client.post(reverse("programme:bilan_modifier"), {"constats": "x"}).status_code == 403
    assert PartiePrenante.objects.filter(nom="Ordi Solidaire").exists()
    assert ActionEngagee.objects.filter(pk=action.pk, titre="Don des postes réformés").exists()
    assert not BilanImpact.objects.exists()


def test_une_autre_collectivite_recoit_une_404(client_de, referent_epci, partie, action):
    client = client_de(referent_epci)
    for url in urls_objets(partie, action):
        assert client.get(url).status_code == 404
        assert client.post(url, {"nom": "Piraté", "nature": "ess"}).status_code == 404
    assert PartiePrenante.objects.filter(pk=partie.pk).exists()
    assert ActionEngagee.objects.filter(pk=action.pk).exists()
    for nom in PAGES_LECTURE:
        page = texte(client.get(reverse(f"programme:{nom}")))
        assert "Ordi Solidaire" not in page and "Don des postes réformés" not in page


def test_ajouter_une_partie_prenante_garde_l_auteur(client_de, agent):
    reponse = client_de(agent).post(
        reverse("programme:partie_prenante_creer"),
        {
            "nom": "Répar'Tech",
            "nature": NaturePartiePrenante.REPARATEUR,
            "label_qualirepar": "on",
            "role": "Réparation hors garantie",
            "contact": "02 38 00 00 00",
        },
        follow=True,
    )
    assert "« Répar'Tech » est enregistrée." in texte(reponse)
    partie = PartiePrenante.objects.get(collectivite=agent.collectivite)
    assert partie.label_qualirepar and partie.modifie_par == str(agent.utilisateur)
    page = texte(reponse)
    assert "QualiRépar" in page and f"par {agent.utilisateur.get_full_name()}" in page


@pytest.mark.parametrize(
    "donnees, message",
    [
        ({"nom": "", "nature": "ess"}, "Ce champ est obligatoire."),
        ({"nom": "X", "nature": "inconnue"}, "Sélectionnez un choix valide."),
        (
            {"nom": "X", "nature": "ess", "label_qualirepar": "on"},
            "Seul un réparateur peut être labellisé QualiRépar",
        ),
        ({"nom": "ordi solidaire", "nature": "ess"}, "Une partie prenante porte déjà ce nom."),
    ],
)
def test_partie_prenante_fautive_refusee_sans_rien_changer(
    client_de, referent, partie, donnees, message
):
    reponse = client_de(referent).post(reverse("programme:partie_prenante_creer"), donnees)
    assert reponse.status_code == 400
    page = texte(reponse)
    assert message in page and "Rien n'a été enregistré" in page
    assert PartiePrenante.objects.count() == 1


def test_le_meme_nom_est_permis_dans_une_autre_collectivite(client_de, referent_epci, partie):
    client_de(referent_epci).post(
        reverse("programme:partie_prenante_creer"), {"nom": "Ordi Solidaire", "nature": "ess"}
    )
    assert PartiePrenante.objects.filter(nom="Ordi Solidaire").count() == 2


def test_modifier_puis_supprimer_une_partie_prenante(client_de, agent, partie):
    client = client_de(agent)
    url = reverse("programme:partie_prenante_modifier", args=[partie.pk])
    assert 'value="Ordi Solidaire"' in texte(client.get(url))
    client.post(url, {"nom": "Ordi Solidaire 45", "nature": "ess", "role": "Dons"})
    partie.refresh_from_db()
    assert partie.nom == "Ordi Solidaire 45" and partie.modifie_par == str(agent.utilisateur)

    url = reverse("programme:partie_prenante_supprimer", args=[partie.pk])
    confirmation = texte(client.get(url))
    assert "Supprimer « Ordi Solidaire 45 » ?" in confirmation
    assert PartiePrenante.objects.exists()
    reponse = client.post(url, follow=True)
    assert "« Ordi Solidaire 45 » est supprimée" in texte(reponse)
    assert not PartiePrenante.objects.exists()


def test_filtres_de_la_liste(client_de, referent, commune):
    PartiePrenanteFactory(collectivite=commune, nom="Répar'Tech", reparateur=True)
    PartiePrenanteFactory(collectivite=commune, nom="Réparateur sans label", nature="reparateur")
    PartiePrenanteFactory(collectivite=commune, nom="ADEME", publique=True, role="Méthode")
    client = client_de(referent)
    url = reverse("programme:parties_prenantes")
    page = texte(client.get(url, {"nature": "reparateur"}))
    assert "Répar'Tech" in page and "Réparateur sans label" in page and "ADEME" not in page
    page = texte(client.get(url, {"qualirepar": "on"}))
    assert "Répar'Tech" in page and "Réparateur sans label" not in page
    page = texte(client.get(url, {"texte": "méthode"}))
    assert "ADEME" in page and "Répar'Tech" not in page
    reponse = client.get(url, {"nature": "n'importe quoi"})
    assert reponse.status_code == 200
    page = texte(reponse)
    assert "Nature inconnue : le filtre est ignoré." in page and "ADEME" in page


def test_rediger_le_bilan(client_de, agent):
    client = client_de(agent)
    assert "Rédiger le bilan" in texte(client.get(reverse("programme:bilan")))
    reponse = client.post(
        reverse("programme:bilan_modifier"),
        {"perimetre": "Services de la ville", "constats": "La fabrication domine"},
        follow=True,
    )
    page = texte(reponse)
    assert "Le bilan d'impact est enregistré." in page
    assert "La fabrication domine" in page and "Non renseigné." in page
    client.post(reverse("programme:bilan_modifier"), {"constats": "Nouveau constat"})
    bilan = BilanImpact.objects.get()
    assert bilan.constats == "Nouveau constat" and bilan.modifie_par == str(agent.utilisateur)


def test_bilan_sans_parc_le_dit(client_de, elu):
    page = texte(client_de(elu).get(reverse("programme:bilan")))
    assert "Aucun chiffre du parc informatique n'est encore disponible" in page


def test_ajouter_une_action_engagee(client_de, referent):
    axe = Axe.objects.get(numero=3)
    reponse = client_de(referent).post(
        reverse("programme:action_creer"),
        {"axe": axe.pk, "titre": "Site sobre", "depuis": "2023", "resultats": "0,7 Mo"},
        follow=True,
    )
    assert "L'action « Site sobre » est enregistrée." in texte(reponse)
    action = ActionEngagee.objects.get()
    assert action.axe == axe and action.depuis == 2023


@pytest.mark.parametrize(
    "depuis, message",
    [
        ("deux mille", "Saisissez une année en chiffres, par exemple 2021."),
        ("1850", "supérieure ou égale à 1990"),
        ("", "Ce champ est obligatoire."),
    ],
)
def test_action_engagee_fautive_refusee(client_de, referent, depuis, message):
    axe = Axe.objects.get(numero=1)
    reponse = client_de(referent).post(
        reverse("programme:action_creer"), {"axe": axe.pk, "titre": "X", "depuis": depuis}
    )
    assert reponse.status_code == 400 and message in texte(reponse)
    assert not ActionEngagee.objects.exists()


def test_axe_inconnu_refuse(client_de, referent):
    reponse = client_de(referent).post(
        reverse("programme:action_creer"), {"axe": "999", "titre": "X", "depuis": "2020"}
    )
    assert reponse.status_code == 400 and "Sélectionnez un choix valide" in texte(reponse)


def test_modifier_et_supprimer_une_action(client_de, agent, action):
    client = client_de(agent)
    url = reverse("programme:action_modifier", args=[action.pk])
    client.post(url, {"axe": action.axe_id, "titre": "Dons élargis", "depuis": "2020"})
    action.refresh_from_db()
    assert action.titre == "Dons élargis" and action.depuis == 2020
    client.post(reverse("programme:action_supprimer", args=[action.pk]))
    assert not ActionEngagee.objects.exists()


def test_vue_d_ensemble_montre_tout_le_programme(client_de, elu, commune, partie, action):
    BilanImpactFactory(collectivite=commune, constats="La fabrication domine")
    page = texte(client_de(elu).get(reverse("programme:index")))
    assert "Ordi Solidaire" in page and "Don des postes réformés" in page
    assert "La fabrication domine" in page


@pytest.mark.parametrize("nom", PAGES_LECTURE)
def test_nombre_de_requetes_borne(client_de, referent, commune, nom, django_assert_max_num_queries):
    client = client_de(referent)
    url = reverse(f"programme:{nom}")
    BilanImpactFactory(collectivite=commune)
    # Les pages qui citent le parc y ajoutent ses agrégats (un nombre fixe de requêtes).
    with django_assert_max_num_queries(16) as avant:
        client.get(url)
    for partie in PartiePrenanteFactory.create_batch(30, collectivite=commune):
        services.partie_prenante_modifier(
            partie_prenante=partie, auteur=referent, donnees={"role": "Collecte"}
        )
    for action in ActionEngageeFactory.create_batch(30, collectivite=commune):
        services.action_engagee_modifier(action=action, auteur=referent, donnees={"depuis": 2020})
    with django_assert_max_num_queries(len(avant.captured_queries)):
        reponse = client.get(url)
    assert reponse.status_code == 200


@pytest.mark.parametrize("nom", PAGES_EDITION)
def test_formulaires_nombre_de_requetes_borne(
    client_de, referent, nom, django_assert_max_num_queries
):
    client = client_de(referent)
    with django_assert_max_num_queries(10):
        assert client.get(reverse(f"programme:{nom}")).status_code == 200


def test_historique_du_programme_champ_par_champ(client_de, agent, epci, action):
    """Une modification faite à la main : une entrée, l'auteur, avant et après à la française ;
    la liste le dit « modifié par » ; l'historique d'une autre collectivité n'y est pas."""
    services.partie_prenante_creer(
        collectivite=epci,
        auteur=None,
        donnees={"nom": "Acteur de l'EPCI", "nature": NaturePartiePrenante.ENTREPRISE},
    )
    client = client_de(agent)
    donnees = {"axe": action.axe_id, "titre": action.titre, "depuis": "2019"}
    url = reverse("programme:action_modifier", args=[action.pk])
    assert client.post(url, donnees).status_code == 302
    page = texte(client.get(reverse("programme:historique")))
    assert f"<td>{agent.utilisateur}</td><td>Modification</td><td>{action.titre}</td>" in page
    assert f"<strong>engagée depuis (année)</strong> : {action.depuis} → 2019</li>" in page
    assert "Acteur de l'EPCI" not in page
    assert f"Modifié par {agent.utilisateur} le" in texte(client.get(reverse("programme:actions")))
