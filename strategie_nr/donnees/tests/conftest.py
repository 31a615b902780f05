import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from indicateurs.models import DefinitionIndicateur
from indicateurs.tests.factories import (
    CibleFactory,
    DefinitionIndicateurFactory,
    IndicateurSuiviFactory,
    ValeurFactory,
)
from strategie_nr.documents.tests.factories import DocumentOfficielFactory
from strategie_nr.donnees.services import publication_modifier
from strategie_nr.fiches.models import VersionFeuilleDeRoute
from strategie_nr.fiches.services import (
    feuille_de_route_soumettre,
    feuille_de_route_valider,
    fiche_creer,
)
from strategie_nr.referentiel.models import Axe
from strategie_nr.tests.test_balayage_isolation import balayage, donnees  # noqa: F401  (la démo chargée)

CLOSE = timezone.localdate().year - 1
COURANTE = timezone.localdate().year


@pytest.fixture
def publier():
    """Publie (ou retire) ces choix pour la collectivité ; les autres sont retirés."""

    def _publier(collectivite, *, par=None, **choix):
        return publication_modifier(
            collectivite=collectivite,
            par=par,
            indicateurs=choix.get("indicateurs", False),
            strategie=choix.get("strategie", False),
            declaration_agec=choix.get("declaration_agec", False),
        )

    return _publier


@pytest.fixture
def indicateurs_suivis(commune, agent, parc_factice):
    """Un indicateur déclaré (en %), avec une valeur de l'année close, une de l'année en
    cours et des cibles ; un indicateur calculé depuis l'inventaire pour l'année close."""
    declare = IndicateurSuiviFactory(
        collectivite=commune,
        definition=DefinitionIndicateur.objects.get(cle="axe-1-1"),
        responsable=agent,
    )
    ValeurFactory(
        suivi=declare, annee=CLOSE, valeur=Decimal("12.5"), source="Mandats", commentaire="secret"
    )
    ValeurFactory(suivi=declare, annee=COURANTE, valeur=Decimal("3"))
    CibleFactory(suivi=declare, annee=CLOSE, valeur=Decimal("10"))
    CibleFactory(suivi=declare, annee=COURANTE, valeur=Decimal("20"))
    definition = DefinitionIndicateurFactory(
        commune_a_tous=True,
        calcule=True,
        cle="test.dons",
        axe=Axe.objects.get(numero=2),
        libelle="Équipements donnés (calcul de test)",
        code_calcul="test.dons",
    )
    calcule = IndicateurSuiviFactory(collectivite=commune, definition=definition, responsable=None)
    parc_factice[CLOSE] = Decimal("42")
    parc_factice[CLOSE - 1] = Decimal("16.66666")  # arrondi à 0 décimale : 17
    return declare, calcule


@pytest.fixture
def strategie_validee(commune, agent, referent):
    """Une version validée de la feuille de route et son document officiel (octets factices :
    le rendu du PDF est testé par le domaine des documents)."""
    fiche_creer(
        collectivite=commune,
        auteur=agent,
        donnees={
            "axe": Axe.objects.get(numero=1),
            "titre": "Allonger la durée de vie des ordinateurs",
            "priorite": 3,
            "difficulte": 2,
            "debut": datetime.date(2025, 1, 1),
            "fin": datetime.date(2026, 12, 1),
            "responsable": agent,
        },
        indicateurs=[],
        budgets=[],
    )
    version = VersionFeuilleDeRoute.objects.for_collectivite(commune).get(numero=1)
    version = feuille_de_route_soumettre(version=version, auteur=agent)
    version = feuille_de_route_valider(
        version=version, auteur=referent, date_copil=datetime.date(2025, 3, 1)
    )
    return DocumentOfficielFactory(version=version, contenu=b"%PDF-1.7 strategie validee")
