"""Une fiche action en PDF d'une page, lisible par tous les membres de sa collectivité."""

import datetime

from django.urls import reverse

from strategie_nr.fiches.models import SousAction
from strategie_nr.fiches.tests.factories import FicheActionFactory

from .conftest import texte_pdf


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


def test_une_fiche_chargee_tient_sur_une_page(client_de, commune, agent, elu):
    fiche = _fiche_chargee(commune, agent)
    url = reverse("documents:fiche", kwargs={"pk": fiche.pk})
    assert url in client_de(agent).get(fiche.get_absolute_url()).content.decode()
    reponse = client_de(elu).get(url)
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
