import datetime

import factory
from django.utils import timezone

from collectivites.enums import EnvoiInvitation, Nature, Role
from collectivites.models import Collectivite, Invitation, Membre, Utilisateur

MOT_DE_PASSE = "mot-de-passe-de-test-1"


class UtilisateurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Utilisateur
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(MOT_DE_PASSE)


class CollectiviteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collectivite
        skip_postgeneration_save = True

    nom = factory.Sequence(lambda n: f"Ville de Test {n}")
    nature = Nature.COMMUNE
    code_officiel = factory.Sequence(lambda n: f"{45000 + (n % 999) + 1:05d}")
    population = 60_000
    nombre_agents = 900

    class Params:
        epci = factory.Trait(
            nom=factory.Sequence(lambda n: f"Communauté de test {n}"),
            nature=Nature.EPCI,
            code_officiel="999999998",
            population=120_000,
            nombre_agents=600,
        )
        avec_referent = factory.Trait(
            referent=factory.RelatedFactory(
                "collectivites.tests.factories.MembreFactory",
                factory_related_name="collectivite",
                role=Role.REFERENT,
            )
        )


class MembreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membre

    collectivite = factory.SubFactory(CollectiviteFactory)
    utilisateur = factory.SubFactory(UtilisateurFactory)
    role = Role.AGENT
    fonction = "Agent de test"

    class Params:
        referent = factory.Trait(role=Role.REFERENT)
        elu = factory.Trait(role=Role.ELU)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    collectivite = factory.SubFactory(CollectiviteFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@exemple.test")
    role = Role.AGENT
    jeton_empreinte = factory.Sequence(lambda n: Invitation.empreinte(f"jeton-{n}"))
    expire_le = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    envoi = EnvoiInvitation.ENVOYEE

    class Params:
        non_envoyee = factory.Trait(envoi=EnvoiInvitation.ECHOUE)
