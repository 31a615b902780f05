import datetime

import factory
from django.utils import timezone

from collectivites.enums import Role
from collectivites.tests.factories import CollectiviteFactory, MembreFactory, UtilisateurFactory
from strategie_nr.diagnostic.models import Campagne, Question, Reponse, ReponseConsolidee


def _premiere_question() -> Question:
    return Question.objects.order_by("dimension__numero", "ordre").first()


class CampagneFactory(factory.django.DjangoModelFactory):
    """Une campagne ouverte ; `cloturee=True` la donne close."""

    class Meta:
        model = Campagne

    collectivite = factory.SubFactory(CollectiviteFactory)
    titre = factory.Sequence(lambda n: f"Diagnostic {n}")
    date = datetime.date(2024, 3, 1)
    ouverte_par = factory.SubFactory(UtilisateurFactory)

    class Params:
        cloturee = factory.Trait(cloturee_le=factory.LazyFunction(timezone.now))


class ReponseFactory(factory.django.DjangoModelFactory):
    """La réponse individuelle d'un agent de la collectivité de la campagne (niveau 3)."""

    class Meta:
        model = Reponse

    campagne = factory.SubFactory(CampagneFactory)
    question = factory.LazyFunction(_premiere_question)
    membre = factory.LazyAttribute(
        lambda o: MembreFactory(collectivite=o.campagne.collectivite, role=Role.AGENT)
    )
    niveau = 3

    class Params:
        sans_objet = factory.Trait(niveau=None, non_concerne=True)


class ReponseConsolideeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReponseConsolidee

    campagne = factory.SubFactory(CampagneFactory)
    question = factory.LazyFunction(_premiere_question)
    niveau = 3
    consolidee_par = factory.SelfAttribute("campagne.ouverte_par")

    class Params:
        sans_objet = factory.Trait(niveau=None, non_concerne=True)
