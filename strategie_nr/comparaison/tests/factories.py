from decimal import Decimal

import factory
from django.utils import timezone

from collectivites.enums import Nature
from collectivites.tests.factories import CollectiviteFactory
from strategie_nr.comparaison.enums import Strate
from strategie_nr.comparaison.models import Contribution, Publication, Statistique

CODE = "parc.empreinte_par_agent"
# Les valeurs des cinq collectivités du groupe publiable et leurs quartiles
# (interpolation linéaire de `statistiques.quartiles`).
VALEURS_DU_GROUPE = [Decimal(v) for v in (10, 20, 30, 40, 50)]


class PublicationFactory(factory.django.DjangoModelFactory):
    """Une publication des chiffres de l'année close, sans contribution ni statistique.

    `groupe_publiable=True` : cinq communes de 50 001 à 100 000 habitants contribuent le même
    chiffre (10 à 50) et la statistique de leur groupe est publiée (20, 30, 40)."""

    class Meta:
        model = Publication
        skip_postgeneration_save = True

    publiee_le = factory.LazyFunction(timezone.now)
    annee = factory.LazyFunction(lambda: timezone.localdate().year - 1)

    class Params:
        groupe_publiable = factory.Trait(
            contributions=factory.RelatedFactoryList(
                "strategie_nr.comparaison.tests.factories.ContributionFactory",
                factory_related_name="publication",
                size=len(VALEURS_DU_GROUPE),
                valeur=factory.Iterator(VALEURS_DU_GROUPE),
            ),
            statistique=factory.RelatedFactory(
                "strategie_nr.comparaison.tests.factories.StatistiqueFactory",
                factory_related_name="publication",
                nature=Nature.COMMUNE,
                strate=Strate.DE_50001_A_100000,
                effectif=len(VALEURS_DU_GROUPE),
                premier_quartile=Decimal(20),
                mediane=Decimal(30),
                troisieme_quartile=Decimal(40),
            ),
        )


class ContributionFactory(factory.django.DjangoModelFactory):
    """Le chiffre calculé depuis l'inventaire d'une commune de 60 000 habitants."""

    class Meta:
        model = Contribution

    publication = factory.SubFactory(PublicationFactory)
    collectivite = factory.SubFactory(CollectiviteFactory)
    code = CODE
    annee = factory.SelfAttribute("publication.annee")
    valeur = Decimal(50)
    origine = "calculé depuis l'inventaire"

    class Params:
        declaree = factory.Trait(origine="déclaré", precision="Valeur saisie au suivi")


class StatistiqueFactory(factory.django.DjangoModelFactory):
    """Les quartiles d'un chiffre sur toutes les collectivités (cinq, le minimum publiable)."""

    class Meta:
        model = Statistique

    publication = factory.SubFactory(PublicationFactory)
    code = CODE
    nature = ""
    strate = ""
    effectif = 5
    premier_quartile = Decimal(20)
    mediane = Decimal(30)
    troisieme_quartile = Decimal(40)

    class Params:
        communes = factory.Trait(nature=Nature.COMMUNE)
        strate_50001_100000 = factory.Trait(strate=Strate.DE_50001_A_100000)
