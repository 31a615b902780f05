"""Clore une campagne : page de confirmation, rien de perdu, résultats définitifs, réouverture."""

import datetime

from collectivites.tests.factories import MembreFactory
from strategie_nr.diagnostic import selectors, services
from strategie_nr.diagnostic.enums import TypeEvenementCampagne
from strategie_nr.diagnostic.models import Campagne, Question, ReponseConsolidee
from strategie_nr.diagnostic.services import Saisie
from strategie_nr.diagnostic.tests.test_vues import _grille, _url
from strategie_nr.etapes import etapes_avancement


def _question(code):
    dimension, ordre = code.split(".")
    return Question.objects.get(dimension__numero=dimension, ordre=ordre)


def _diagnostic_fait(collectivite) -> bool:
    etape = next(e for e in etapes_avancement(collectivite) if e["etape"].numero == 3)
    return next(c for c in etape["controles"] if "diagnostic de maturité" in c.libelle).fait


def test_la_page_de_confirmation_liste_ce_qui_manque_et_ne_clot_rien(
    client_de, referent, agent, campagne
):
    muet = MembreFactory(collectivite=campagne.collectivite, utilisateur__last_name="Silencieux")
    services.reponses_enregistrer(
        campagne=campagne, membre=agent, saisies=[Saisie(_question("1.1"), 2, False)]
    )
    page = client_de(referent).get(_url("cloturer", campagne))
    assert page.status_code == 200
    contenu = page.content.decode()
    assert "Silencieux" in contenu and "0 sur 30 questions répondues" in contenu
    assert "1 sur 30 questions répondues" in contenu
    assert "Questions répondues mais pas consolidées (1)" in contenu
    assert "Questions sans aucune réponse (29)" in contenu
    assert muet.pk and Campagne.objects.get().ouverte
    assert not ReponseConsolidee.objects.exists()


def test_enregistrer_puis_clore_garde_ce_que_le_referent_vient_de_saisir(
    client_de, referent, agent, campagne
):
    question = _question("1.1")
    services.reponses_enregistrer(
        campagne=campagne, membre=agent, saisies=[Saisie(question, 2, False)]
    )
    donnees = _grille(list(Question.objects.all()), **{"1.1": "4"})
    donnees[f"raison_{question.pk}"] = "Accord trouvé en atelier"
    donnees[f"commentaire_{question.pk}"] = "Charte en préparation"
    client = client_de(referent)
    reponse = client.post(_url("consolidation", campagne), {**donnees, "clore": "1"})
    assert reponse.status_code == 302 and reponse.url == _url("cloturer", campagne)
    consolidee = ReponseConsolidee.objects.get(question=question)
    assert (consolidee.niveau, consolidee.raison, consolidee.commentaire) == (
        4,
        "Accord trouvé en atelier",
        "Charte en préparation",
    )
    assert Campagne.objects.get().ouverte  # la clôture attend la confirmation


def test_enregistrer_puis_clore_refuse_sans_raison_ne_clot_rien(
    client_de, referent, agent, campagne
):
    question = _question("1.1")
    services.reponses_enregistrer(
        campagne=campagne, membre=agent, saisies=[Saisie(question, 2, False)]
    )
    donnees = _grille(list(Question.objects.all()), **{"1.1": "5"})
    reponse = client_de(referent).post(_url("consolidation", campagne), {**donnees, "clore": "1"})
    assert reponse.status_code == 400
    assert "Question 1.1 : indiquez la raison" in reponse.content.decode()
    assert Campagne.objects.get().ouverte and not ReponseConsolidee.objects.exists()


def test_cloture_donne_des_resultats_definitifs_et_fait_l_etape_3(
    client_de, referent, agent, campagne
):
    collectivite = campagne.collectivite
    services.reponses_enregistrer(
        campagne=campagne,
        membre=agent,
        saisies=[Saisie(_question("1.1"), 2, False), Saisie(_question("1.2"), None, True)],
    )
    services.reponses_enregistrer(
        campagne=campagne, membre=referent, saisies=[Saisie(_question("1.1"), 3, False)]
    )
    assert not _diagnostic_fait(collectivite)
    client = client_de(referent)
    reponse = client.post(_url("cloturer", campagne))
    assert reponse.status_code == 302
    campagne.refresh_from_db()
    assert not campagne.ouverte
    retenues = {
        r.question.code: (r.niveau, r.non_concerne)
        for r in ReponseConsolidee.objects.select_related("question__dimension")
    }
    assert retenues == {"1.1": (3, False), "1.2": (None, True)}  # 2,5 → 3 ; tous « nc »
    resultats = selectors.resultats_campagne(campagne)
    assert not resultats.provisoire
    page = client.get(_url("campagne", campagne)).content.decode()
    assert "Résultats définitifs" in page and "Résultats provisoires" not in page
    assert _diagnostic_fait(collectivite)
    # un double clic ne clôt pas deux fois
    client.post(_url("cloturer", campagne))
    assert campagne.evenements.filter(type=TypeEvenementCampagne.CLOTURE).count() == 1


def test_reouverture_avec_raison_gardee_dans_l_historique(client_de, referent, campagne):
    services.campagne_cloturer(campagne=campagne, auteur=referent.utilisateur)
    client = client_de(referent)
    assert "Rouvrir la campagne" in client.get(_url("campagne", campagne)).content.decode()
    reponse = client.post(_url("rouvrir", campagne), {"raison": "  "})
    assert reponse.status_code == 400
    assert "Indiquez la raison de la réouverture" in reponse.content.decode()
    assert not Campagne.objects.get().ouverte
    reponse = client.post(_url("rouvrir", campagne), {"raison": "Deux services oubliés"})
    assert reponse.status_code == 302
    assert Campagne.objects.get().ouverte
    page = client.get(_url("campagne", campagne)).content.decode()
    assert "Réouverture" in page and "Deux services oubliés" in page
    assert "Résultats provisoires" in page
    assert [e.type for e in selectors.historique_campagne(campagne)] == [
        TypeEvenementCampagne.OUVERTURE,
        TypeEvenementCampagne.CLOTURE,
        TypeEvenementCampagne.REOUVERTURE,
    ]


def test_pas_de_reouverture_quand_une_campagne_plus_recente_existe(client_de, referent, campagne):
    services.campagne_cloturer(campagne=campagne, auteur=referent.utilisateur)
    services.campagne_ouvrir(
        collectivite=campagne.collectivite,
        titre="Réévaluation",
        date=datetime.date(2025, 3, 1),
        auteur=referent.utilisateur,
    )
    client = client_de(referent)
    assert "Rouvrir la campagne" not in client.get(_url("campagne", campagne)).content.decode()
    reponse = client.post(_url("rouvrir", campagne), {"raison": "Oubli"})
    assert reponse.status_code == 400
    assert "plus récente" in reponse.content.decode()
    assert not Campagne.objects.get(pk=campagne.pk).ouverte


def _repondants(campagne, nombre):
    questions = list(Question.objects.all())
    for _ in range(nombre):
        services.reponses_enregistrer(
            campagne=campagne,
            membre=MembreFactory(collectivite=campagne.collectivite),
            saisies=[Saisie(q, 1 + q.pk % 5, False) for q in questions[:10]],
        )


def test_requetes_bornees(client_de, referent, campagne, django_assert_max_num_queries):
    client = client_de(referent)
    _repondants(campagne, 2)
    with django_assert_max_num_queries(20) as avant:
        assert client.get(_url("cloturer", campagne)).status_code == 200
    _repondants(campagne, 10)
    with django_assert_max_num_queries(len(avant.captured_queries)):
        assert client.get(_url("cloturer", campagne)).status_code == 200
    services.campagne_cloturer(campagne=campagne, auteur=referent.utilisateur)
    with django_assert_max_num_queries(12):
        assert client.get(_url("rouvrir", campagne)).status_code == 200
