import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from collectivites.enums import Role
from collectivites.tests.factories import MembreFactory
from strategie_nr.diagnostic import services
from strategie_nr.diagnostic.models import Campagne, Question, Reponse, ReponseConsolidee
from strategie_nr.diagnostic.services import Saisie


def _url(nom, campagne):
    return reverse(f"diagnostic:{nom}", kwargs={"pk": campagne.pk})


def _grille(questions, **valeurs):
    """Données POST : niveau_<pk> et commentaire_<pk> pour chaque question."""
    donnees = {}
    for question in questions:
        donnees[f"niveau_{question.pk}"] = valeurs.get(question.code, "")
        donnees[f"commentaire_{question.pk}"] = ""
    return donnees


PAGES = ["campagne", "questionnaire", "consolidation", "export", "cloturer", "rouvrir"]


@pytest.mark.parametrize("nom", PAGES)
def test_anonyme_renvoye_vers_la_connexion(client, campagne, nom):
    reponse = client.get(_url(nom, campagne))
    assert reponse.status_code == 302 and reponse.url.startswith(reverse("connexion"))


@pytest.mark.parametrize("nom", PAGES)
def test_autre_collectivite_404(client_de, referent_epci, campagne, nom):
    assert client_de(referent_epci).get(_url(nom, campagne)).status_code == 404
    assert client_de(referent_epci).post(_url("cloturer", campagne)).status_code == 404
    assert Campagne.objects.get().ouverte


def test_elu_voit_les_resultats_mais_ne_repond_pas(client_de, elu, campagne):
    client = client_de(elu)
    assert client.get(_url("campagne", campagne)).status_code == 200
    assert client.get(_url("questionnaire", campagne)).status_code == 403
    question = Question.objects.first()
    reponse = client.post(
        _url("questionnaire", campagne), _grille([question], **{question.code: "3"})
    )
    assert reponse.status_code == 403
    assert client.post(_url("cloturer", campagne)).status_code == 403
    assert not Reponse.objects.exists() and Campagne.objects.get().ouverte


def test_agent_ne_consolide_ni_ne_clot(client_de, agent, referent, campagne):
    client = client_de(agent)
    assert client.get(_url("consolidation", campagne)).status_code == 403
    assert client.get(_url("cloturer", campagne)).status_code == 403
    assert client.post(_url("cloturer", campagne)).status_code == 403
    services.campagne_cloturer(campagne=campagne, auteur=referent.utilisateur)
    assert client.get(_url("rouvrir", campagne)).status_code == 403
    assert client.post(_url("rouvrir", campagne), {"raison": "x"}).status_code == 403
    assert not Campagne.objects.get().ouverte
    assert (
        client.post(reverse("diagnostic:ouvrir"), {"titre": "X", "date": "2025-01-01"}).status_code
        == 403
    )


def test_referent_ouvre_une_campagne(client_de, referent):
    client = client_de(referent)
    page = client.get(reverse("diagnostic:index"))
    assert "Ouvrir une campagne" in page.content.decode()
    reponse = client.post(
        reverse("diagnostic:ouvrir"), {"titre": "Diagnostic initial", "date": "12/03/2024"}
    )
    campagne = Campagne.objects.get()
    assert reponse.status_code == 302 and reponse.url == campagne.get_absolute_url()
    assert campagne.date == datetime.date(2024, 3, 12)


def test_ouverture_refusee_garde_la_saisie(client_de, referent, campagne):
    reponse = client_de(referent).post(
        reverse("diagnostic:ouvrir"), {"titre": "Deuxième", "date": "32/13/2024"}
    )
    assert reponse.status_code == 400
    contenu = reponse.content.decode()
    assert "Deuxième" in contenu and "date valide" in contenu
    assert Campagne.objects.count() == 1


def test_agent_repond_en_plusieurs_fois(client_de, agent, campagne):
    client = client_de(agent)
    questions = list(Question.objects.order_by("dimension__numero", "ordre"))
    donnees = _grille(questions, **{"1.1": "2", "1.2": "nc"})
    donnees[f"commentaire_{questions[0].pk}"] = "Pas de référent nommé"
    reponse = client.post(_url("questionnaire", campagne), {**donnees, "continuer": "1"})
    assert reponse.status_code == 302
    assert reponse.url == _url("questionnaire", campagne) + "?dimension=1"
    page = client.get(_url("questionnaire", campagne)).content.decode()
    assert "Pas de référent nommé" in page
    assert "<strong>2</strong> questions répondues sur 30" in page
    reponse = client.post(_url("questionnaire", campagne), _grille(questions, **{"1.1": "3"}))
    assert reponse.status_code == 302 and reponse.url == campagne.get_absolute_url()
    assert Reponse.objects.get(question=questions[0]).niveau == 3


def test_questionnaire_enregistre_une_dimension_a_la_fois(client_de, agent, campagne):
    client = client_de(agent)
    questions = list(Question.objects.order_by("dimension__numero", "ordre"))
    url = _url("questionnaire", campagne) + "?dimension=4"
    page = client.get(url).content.decode()
    assert 'name="niveau_' in page and "4.1. " in page and "1.1. " not in page
    assert "Enregistrer et passer à la dimension 5" in page
    # Seules les questions de la dimension affichée sont lues, même si d'autres arrivent.
    donnees = _grille(questions, **{"4.1": "3", "1.1": "2"})
    reponse = client.post(url, {**donnees, "suivante": "1"})
    assert reponse.status_code == 302
    assert reponse.url == _url("questionnaire", campagne) + "?dimension=5"
    assert [r.question.code for r in Reponse.objects.select_related("question__dimension")] == [
        "4.1"
    ]
    page = client.get(reponse.url).content.decode()
    assert "(1/" in page and "<strong>1</strong> question répondue sur 30" in page
    # Une dimension inconnue ramène à la première.
    assert "1.1. " in client.get(_url("questionnaire", campagne) + "?dimension=99").content.decode()


def test_valeur_impossible_refusee_sans_rien_changer(client_de, agent, campagne):
    question = Question.objects.first()
    reponse = client_de(agent).post(
        _url("questionnaire", campagne), _grille([question], **{question.code: "9"})
    )
    assert reponse.status_code == 400
    assert "Sélectionnez un choix valide" in reponse.content.decode()
    assert not Reponse.objects.exists()


def test_consolidation_preremplie_et_raison_exigee(client_de, referent, agent, campagne):
    question = Question.objects.get(dimension__numero=1, ordre=1)
    for membre, niveau in [
        (agent, 2),
        (referent, 3),
        (MembreFactory(collectivite=campagne.collectivite), 3),
    ]:
        services.reponses_enregistrer(
            campagne=campagne, membre=membre, saisies=[Saisie(question, niveau, False)]
        )
    client = client_de(referent)
    page = client.get(_url("consolidation", campagne)).content.decode()
    assert f'name="niveau_{question.pk}" id="id_niveau_{question.pk}_2" value="3" checked' in page
    assert "<strong>2,7</strong>" in page
    questions = list(Question.objects.order_by("dimension__numero", "ordre"))
    reponse = client.post(_url("consolidation", campagne), _grille(questions, **{"1.1": "5"}))
    assert reponse.status_code == 400
    assert "Question 1.1 : indiquez la raison" in reponse.content.decode()
    assert not ReponseConsolidee.objects.exists()
    donnees = _grille(questions, **{"1.1": "5"})
    donnees[f"raison_{question.pk}"] = "Feuille de route adoptée entre-temps"
    assert client.post(_url("consolidation", campagne), donnees).status_code == 302
    assert ReponseConsolidee.objects.get().niveau == 5


def test_cloture_par_le_referent(client_de, referent, campagne):
    reponse = client_de(referent).post(_url("cloturer", campagne))
    assert reponse.status_code == 302
    campagne.refresh_from_db()
    assert not campagne.ouverte
    question = Question.objects.first()
    reponse = client_de(referent).post(
        _url("questionnaire", campagne), _grille([question], **{question.code: "3"})
    )
    assert reponse.status_code == 302 and not Reponse.objects.exists()


def test_export_xlsx_neutralise_les_formules(client_de, agent, elu, campagne):
    question = Question.objects.first()
    services.reponses_enregistrer(
        campagne=campagne, membre=agent, saisies=[Saisie(question, 2, False, '=HYPERLINK("x")')]
    )
    reponse = client_de(elu).get(_url("export", campagne))
    assert reponse.status_code == 200
    classeur = openpyxl.load_workbook(io.BytesIO(reponse.content))
    assert classeur.sheetnames == [
        "Questions",
        "Réponses individuelles",
        "Réponses consolidées",
        "Notes",
    ]
    ligne = list(classeur["Réponses individuelles"].iter_rows(min_row=2, values_only=True))[0]
    assert ligne[4] == 2 and ligne[5] == '\'=HYPERLINK("x")'
    assert classeur["Questions"].max_row == Question.objects.count() + 1


def _beaucoup_de_reponses(campagne, nombre_membres):
    questions = list(Question.objects.all())
    for _ in range(nombre_membres):
        membre = MembreFactory(collectivite=campagne.collectivite, role=Role.AGENT)
        services.reponses_enregistrer(
            campagne=campagne,
            membre=membre,
            saisies=[Saisie(q, 1 + q.pk % 5, False, "commentaire") for q in questions],
        )


@pytest.mark.parametrize("nom", ["campagne", "questionnaire", "consolidation"])
def test_requetes_bornees(client_de, referent, campagne, nom, django_assert_max_num_queries):
    client = client_de(referent)
    _beaucoup_de_reponses(campagne, 2)
    with django_assert_max_num_queries(25) as avant:
        client.get(_url(nom, campagne))
    _beaucoup_de_reponses(campagne, 15)
    with django_assert_max_num_queries(len(avant.captured_queries)):
        assert client.get(_url(nom, campagne)).status_code == 200


def test_lien_vers_une_fiche_action_depuis_une_pratique(client_de, referent, agent, elu, campagne):
    question = Question.objects.get(dimension__numero=2, ordre=1)
    services.consolidation_enregistrer(
        campagne=campagne,
        auteur=referent,
        saisies=[Saisie(question, 1, False)],
        moyennes={},
    )
    lien = reverse("fiches:creer") + "?pratique=c.1"
    assert lien in client_de(agent).get(_url("campagne", campagne)).content.decode()
    assert lien not in client_de(elu).get(_url("campagne", campagne)).content.decode()
