import datetime
import uuid

import factory

from collectivites.enums import Role
from collectivites.tests.factories import CollectiviteFactory, MembreFactory
from strategie_nr.fiches.models import (
    CommentaireFiche,
    FeuilleDeRoute,
    FicheAction,
    VersionFeuilleDeRoute,
)
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


class CommentaireFicheFactory(factory.django.DjangoModelFactory):
    """Un message du responsable de la fiche, rattaché à la lignée de la fiche et à la version
    affichée quand il a été écrit.

    `avec_mention` mentionne un autre membre de la collectivité ; `fiche_retiree` garde la
    discussion d'une fiche qui n'est plus dans aucune version (lignée seule)."""

    class Meta:
        model = CommentaireFiche
        skip_postgeneration_save = True

    fiche = factory.SubFactory(FicheActionFactory)
    collectivite = factory.SelfAttribute("fiche.version.feuille_de_route.collectivite")
    lignee = factory.SelfAttribute("fiche.lignee")
    version = factory.SelfAttribute("fiche.version")
    auteur = factory.SelfAttribute("fiche.responsable")
    texte = "Le devis du reconditionneur est arrivé."
    jeton = factory.LazyFunction(uuid.uuid4)

    class Params:
        fiche_retiree = factory.Trait(
            fiche=None,
            version=None,
            collectivite=factory.SubFactory(CollectiviteFactory),
            lignee=factory.LazyFunction(uuid.uuid4),
            auteur=factory.LazyAttribute(lambda o: MembreFactory(collectivite=o.collectivite)),
        )
        avec_mention = factory.Trait(
            texte="@collègue, peux-tu relire le devis ?",
            mention=factory.PostGeneration(
                lambda commentaire, create, extracted, **kwargs: (
                    commentaire.mentions.add(MembreFactory(collectivite=commentaire.collectivite))
                    if create
                    else None
                )
            ),
        )
