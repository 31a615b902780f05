"""Travaux en arrière-plan : file réelle (`db_worker`), reprises, échecs, page de suivi, droits."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from collectivites.perms import peut_contribuer
from strategie_nr.travaux import registre
from strategie_nr.travaux.enums import NatureTravail, StatutTravail
from strategie_nr.travaux.models import Travail
from strategie_nr.travaux.registre import Executant, Resultat
from strategie_nr.travaux.services import travail_demander

from .factories import TravailFactory


@pytest.fixture
def executant_d_essai(monkeypatch, settings):
    """Remplace l'exécutant de l'import par un essai qui échoue `echecs` fois, puis réussit."""
    settings.TRAVAUX_DELAI_REPRISE = 0
    etat = {"echecs": 0, "appels": 0, "erreur": RuntimeError("serveur indisponible")}

    def executer(travail):
        etat["appels"] += 1
        if etat["appels"] <= etat["echecs"]:
            raise etat["erreur"]
        return Resultat(contenu=b"ok", nom_fichier="essai.txt", type_contenu="text/plain")

    monkeypatch.setitem(
        registre._EXECUTANTS,
        NatureTravail.IMPORT_PARC,
        Executant(NatureTravail.IMPORT_PARC, executer, permission=peut_contribuer),
    )
    return etat


def _demander(commune, agent, empreinte="abc"):
    return travail_demander(
        collectivite=commune,
        demandeur=agent,
        nature=NatureTravail.IMPORT_PARC,
        libelle="Essai",
        empreinte=empreinte,
    )


def test_le_processus_de_taches_execute_le_travail(
    commune, agent, executant_d_essai, executer_travaux
):
    travail = _demander(commune, agent)
    assert travail.statut == StatutTravail.EN_ATTENTE
    executer_travaux()
    travail.refresh_from_db()
    assert travail.statut == StatutTravail.TERMINE and bytes(travail.contenu) == b"ok"
    assert travail.tentatives == 1 and travail.termine_le is not None


def test_une_meme_demande_ne_lance_qu_un_travail(
    commune, agent, executant_d_essai, executer_travaux
):
    premier = _demander(commune, agent)
    assert _demander(commune, agent).pk == premier.pk  # double clic
    executer_travaux()
    assert _demander(commune, agent).pk == premier.pk  # prêt : servi tel quel
    assert executant_d_essai["appels"] == 1
    assert _demander(commune, agent, empreinte="autre").pk != premier.pk


def test_un_echec_passager_est_reessaye(commune, agent, executant_d_essai, executer_travaux):
    executant_d_essai["echecs"] = 2
    travail = _demander(commune, agent)
    executer_travaux()
    travail.refresh_from_db()
    assert travail.statut == StatutTravail.TERMINE
    assert travail.tentatives == 3 and executant_d_essai["appels"] == 3


def test_un_echec_repete_est_montre_en_francais_et_rien_n_est_perdu(
    client_de, commune, agent, executant_d_essai, executer_travaux
):
    executant_d_essai["echecs"] = 99
    travail = _demander(commune, agent)
    executer_travaux()
    travail.refresh_from_db()
    assert travail.statut == StatutTravail.ECHOUE and travail.tentatives == 3
    assert "La production a échoué après 3 essais" in travail.message
    html = client_de(agent).get(travail.get_absolute_url()).content.decode()
    assert "Échec." in html and "après 3 essais" in html and "data-actualiser" not in html
    # Une nouvelle demande relance le travail au lieu de reprendre l'échec.
    executant_d_essai["echecs"] = 0
    assert _demander(commune, agent).pk != travail.pk


def test_une_erreur_de_saisie_n_est_pas_reessayee(
    commune, agent, executant_d_essai, executer_travaux
):
    executant_d_essai["echecs"] = 1
    executant_d_essai["erreur"] = ValidationError("La ligne 3 est en erreur.")
    travail = _demander(commune, agent)
    executer_travaux()
    travail.refresh_from_db()
    assert travail.statut == StatutTravail.ECHOUE and travail.message == "La ligne 3 est en erreur."
    assert executant_d_essai["appels"] == 1


def test_page_de_suivi_en_cours_puis_prete(
    client_de, commune, agent, executant_d_essai, executer_travaux
):
    travail = _demander(commune, agent)
    client = client_de(agent)
    html = client.get(travail.get_absolute_url()).content.decode()
    assert html.count("<h1") == 1 and "Document en préparation" in html
    assert 'data-actualiser="2"' in html and "js/suivi.js" in html  # rechargée par le script
    assert client.get(reverse("travaux:fichier", args=[travail.pk])).status_code == 302
    executer_travaux()
    html = client.get(travail.get_absolute_url()).content.decode()
    fichier = reverse("travaux:fichier", args=[travail.pk])
    # Le compte rendu d'un import se lit d'abord : pas d'ouverture automatique, un lien.
    assert f'href="{fichier}"' in html and "http-equiv" not in html
    reponse = client.get(fichier)
    assert reponse.content == b"ok" and 'filename="essai.txt"' in reponse["Content-Disposition"]


def test_droits_sur_un_travail(
    client, client_de, commune, agent, elu, referent_epci, executant_d_essai
):
    travail = TravailFactory(collectivite=commune, nature=NatureTravail.IMPORT_PARC, pret=True)
    for url in (travail.get_absolute_url(), reverse("travaux:fichier", args=[travail.pk])):
        assert client.get(url).url.startswith(reverse("connexion"))
        assert client_de(referent_epci).get(url).status_code == 404
        assert client_de(elu).get(url).status_code == 403  # l'import est réservé aux contributeurs
        assert client_de(agent).get(url).status_code == 200


def test_requetes_bornees(client_de, commune, elu, django_assert_max_num_queries):
    travail = TravailFactory(collectivite=commune, pret=True)
    client = client_de(elu)
    for url in (travail.get_absolute_url(), reverse("travaux:fichier", args=[travail.pk])):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
    assert Travail.objects.count() == 1


def test_purger_les_vieux_travaux(commune):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    vieux = TravailFactory(collectivite=commune, pret=True)
    Travail.objects.filter(pk=vieux.pk).update(termine_le=timezone.now() - timedelta(days=8))
    recent = TravailFactory(collectivite=commune, pret=True, termine_le=timezone.now())
    en_attente = TravailFactory(collectivite=commune)
    call_command("purger_travaux", "--jours", "7", verbosity=0)
    assert set(Travail.objects.values_list("pk", flat=True)) == {recent.pk, en_attente.pk}
