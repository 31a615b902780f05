"""Deux validations simultanées de la même version : une seule aboutit, aucune erreur 500.

La validation est une transaction courte (le PDF officiel est produit ensuite par un processus
de tâches) ; sur SQLite elle prend le verrou d'écriture dès son début et la seconde attend son
tour, puis trouve la version déjà validée.
"""

import datetime
import threading

import pytest
from django.db import connections
from django.urls import reverse

from collectivites.tests.outils import client_connecte
from strategie_nr.fiches.enums import StatutVersion
from strategie_nr.fiches.services import feuille_de_route_soumettre
from strategie_nr.travaux.enums import NatureTravail
from strategie_nr.travaux.models import Travail


@pytest.mark.django_db(transaction=True)
def test_deux_validations_simultanees(referent, agent, fiche):
    version = feuille_de_route_soumettre(version=fiche.version, auteur=agent, notifier=False)
    url = reverse("fiches:decision", kwargs={"pk": version.pk})
    clients = [client_connecte(referent), client_connecte(referent)]
    depart = threading.Barrier(len(clients))
    statuts = []

    def valider(client):
        depart.wait()
        try:
            reponse = client.post(url, {"date_copil": "01/03/2025", "valider": "1"})
            statuts.append(reponse.status_code)
        finally:
            connections.close_all()

    fils = [threading.Thread(target=valider, args=(c,)) for c in clients]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()

    assert sorted(statuts) == [302, 400], statuts  # l'une valide, l'autre est refusée proprement
    version.refresh_from_db()
    assert version.statut == StatutVersion.VALIDEE
    assert version.date_copil == datetime.date(2025, 3, 1)
    assert Travail.objects.filter(nature=NatureTravail.DOCUMENT_OFFICIEL).count() == 1
