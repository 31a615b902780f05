"""Nombre exact de requêtes des pages de liste de chaque domaine, pour le référent.

Chaque nombre est celui d'aujourd'hui, relevé avec une et cinq lignes de chaque sorte : il ne
dépend pas du nombre de lignes (aucune requête par ligne). Un changement de ce nombre doit être
voulu : le test le dit, on vérifie qu'aucune requête par ligne n'est apparue, puis on reporte
le nouveau nombre ici.
"""

import pytest
from django.urls import reverse

from collectivites.enums import Role
from collectivites.services import service_creer
from collectivites.tests.factories import MembreFactory
from collectivites.tests.outils import client_connecte
from indicateurs.tests.factories import IndicateurSuiviFactory, ObjectifFactory
from parc.tests.factories import EquipementFactory
from strategie_nr.diagnostic.tests.factories import CampagneFactory
from strategie_nr.fiches.tests.factories import FicheActionFactory, VersionFactory
from strategie_nr.programme.tests.factories import ActionEngageeFactory, PartiePrenanteFactory


def _parc(commune, referent, nombre):
    for _ in range(nombre):
        EquipementFactory(collectivite=commune)


def _indicateurs(commune, referent, nombre):
    for _ in range(nombre):
        suivi = IndicateurSuiviFactory(collectivite=commune, avec_base=True, avec_valeurs=True)
        ObjectifFactory(collectivite=commune, mesurable=True, suivi=suivi)


def _fiches(commune, referent, nombre):
    version = VersionFactory(feuille_de_route__collectivite=commune, numero=1)
    for _ in range(nombre):
        FicheActionFactory(version=version, budget=1000)


def _programme(commune, referent, nombre):
    for _ in range(nombre):
        PartiePrenanteFactory(collectivite=commune)
        ActionEngageeFactory(collectivite=commune)


def _diagnostic(commune, referent, nombre):
    for rang in range(nombre):
        CampagneFactory(collectivite=commune, cloturee=rang > 0)


def _membres(commune, referent, nombre):
    for rang in range(nombre):
        MembreFactory(collectivite=commune, role=[Role.AGENT, Role.ELU][rang % 2])


def _services(commune, referent, nombre):
    for rang in range(nombre):
        service_creer(collectivite=commune, nom=f"Service {rang}")


# Page de liste → (données ajoutées, texte de ces données sur la page, requêtes aujourd'hui).
LISTES = {
    "parc:index": (_parc, "Latitude 5420", 7),
    "indicateurs:index": (_indicateurs, "Indicateur de test", 7),
    "fiches:index": (_fiches, "Fiche action", 11),  # + pièces de la version
    "programme:index": (_programme, "Acteur du territoire", 13),  # + pièces du programme
    "programme:parties_prenantes": (_programme, "Acteur du territoire", 4),
    "programme:actions": (_programme, "Action déjà engagée", 4),
    "diagnostic:index": (_diagnostic, "Diagnostic", 4),
    "collectivites:membres": (_membres, "Agent de test", 7),  # + historique
    "collectivites:services": (_services, "Service 0", 5),  # + historique
}


@pytest.mark.parametrize("nombre", [1, 5])
@pytest.mark.parametrize("nom", list(LISTES))
def test_nombre_exact_de_requetes(nom, nombre, commune, referent, django_assert_num_queries):
    remplir, texte, requetes = LISTES[nom]
    remplir(commune, referent, nombre)
    client = client_connecte(referent)
    url = reverse(nom)
    assert client.get(url).status_code == 200  # caches de Django remplis (types de contenu…)
    with django_assert_num_queries(requetes):
        reponse = client.get(url)
    assert reponse.status_code == 200 and texte in reponse.content.decode()
