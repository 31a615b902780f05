import datetime

import factory

from collectivites.enums import Role
from collectivites.tests.factories import MembreFactory
from strategie_nr.fiches.models import FeuilleDeRoute, FicheAction, VersionFeuilleDeRoute
from strategie_nr.referentiel.models import Axe


class FeuilleDeRouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeuilleDeRoute
        django_get_or_create = ["collectivite"]

    collectivite = factory.SubFactory("collectivites.tests.factories.CollectiviteFactory")


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VersionFeuilleDeRoute

    feuille_de_route = factory.SubFactory(FeuilleDeRouteFactory)
    numero = factory.Sequence(lambda n: n + 1)


class FicheActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FicheAction

    version = factory.SubFactory(VersionFactory)
    axe = factory.LazyFunction(lambda: Axe.objects.order_by("numero").first())
    titre = factory.Sequence(lambda n: f"Fiche action {n}")
    priorite = 2
    difficulte = 2
    debut = datetime.date(2025, 1, 1)
    fin = datetime.date(2025, 12, 1)
    responsable = factory.LazyAttribute(
        lambda o: MembreFactory(
            collectivite=o.version.feuille_de_route.collectivite, role=Role.AGENT
        )
    )
