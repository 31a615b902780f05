"""Une fiche action en PDF d'une page, lisible par tous les membres de sa collectivité,
préparée par un processus de tâches (jamais pendant la requête)."""

import datetime

from django.urls import reverse

from collectivites.tests.factories import MembreFactory
from strategie_nr.fiches.models import SousAction
from strategie_nr.fiches.tests.factories import FicheActionFactory
from strategie_nr.travaux.enums import NatureTravail, StatutTravail
from strategie_nr.travaux.models import Travail

from .conftest import texte_pdf
from .test_vues import _suivre


def _fiche_chargee(commune, agent):
    fiche = FicheActionFactory(
        version__feuille_de_route__collectivite=commune,
        responsable=agent,
        titre="Allonger la durée de vie des postes",
        resultats_attendus="Durée d'usage portée à 7 ans. " * 30,
    )
    for rang in range(14):
        SousAction.objects.create(
            fiche=fiche,
            quoi=f"Sous-action numéro {rang + 1} avec un intitulé assez long pour tenir la ligne",
            echeance=datetime.date(2025, 6, 1),
            ordre=rang,
        )
    return fiche


def test_une_fiche_chargee_tient_sur_une_page(client_de, commune, agent, elu, executer_travaux):
    fiche = _fiche_chargee(commune, agent)
    url = reverse("documents:fiche", kwargs={"pk": fiche.pk})
    assert url in client_de(agent).get(fiche.get_absolute_url()).content.decode()
    client = client_de(elu)
    demande = client.get(url)
    assert demande.status_code == 302 and "/travaux/" in demande.url
    executer_travaux()
    reponse = _suivre(client, demande.url)
    assert reponse.status_code == 200 and reponse["Content-Type"] == "application/pdf"
    assert "fiche-allonger-la-duree-de-vie-des-postes" in reponse["Content-Disposition"]
    texte, pages = texte_pdf(reponse.content)
    assert pages == 1
    assert "Allonger la durée de vie des postes" in texte and "PROJET" in texte
    assert "Sous-action numéro 10 " in texte and "Et 4 autres" in texte


def test_fiche_pdf_protegee(client, client_de, commune, agent, referent_epci):
    fiche = FicheActionFactory(version__feuille_de_route__collectivite=commune, responsable=agent)
    url = reverse("documents:fiche", kwargs={"pk": fiche.pk})
    assert client.get(url).url.startswith(reverse("connexion"))
    assert client_de(referent_epci).get(url).status_code == 404
    inactif = MembreFactory(collectivite=commune, actif=False)
    assert client_de(inactif).get(url).status_code == 403
    assert not Travail.objects.exists()


def test_la_fiche_se_prepare_hors_de_la_requete_puis_sert_de_nouveau(
    client_de, commune, agent, elu, executer_travaux, django_assert_max_num_queries
):
    fiche = FicheActionFactory(
        version__feuille_de_route__collectivite=commune, responsable=agent, titre="Sobriété"
    )
    url = reverse("documents:fiche", kwargs={"pk": fiche.pk})
    client = client_de(elu)
    with django_assert_max_num_queries(30):
        demande = client.get(url)
    travail = Travail.objects.get()
    assert travail.nature == NatureTravail.FICHE_PDF
    assert travail.statut == StatutTravail.EN_ATTENTE and travail.contenu is None
    suivi = client.get(demande.url).content.decode()
    assert "Fiche action — Sobriété" in suivi and 'data-actualiser="2"' in suivi
    # Un double clic avant la fin du rendu ne lance pas un second travail.
    assert client.get(url).url == demande.url
    executer_travaux()
    fichier = _suivre(client, demande.url)
    assert fichier.content.startswith(b"%PDF")
    assert "fiche-sobriete" in fichier["Content-Disposition"]
    # Mêmes données : le PDF déjà produit est servi tout de suite, sans nouveau rendu.
    with django_assert_max_num_queries(30):
        deuxieme = client.get(url)
    assert deuxieme.url.endswith("/fichier")
    assert client.get(deuxieme.url).content == fichier.content
    assert Travail.objects.count() == 1
    # La fiche change : un nouveau rendu est demandé, l'ancien fichier ne sert plus.
    fiche.titre = "Sobriété numérique"
    fiche.save()
    assert client.get(url).url != deuxieme.url
    assert Travail.objects.count() == 2
