from decimal import Decimal

import factory

from collectivites.enums import Role
from collectivites.tests.factories import CollectiviteFactory, MembreFactory
from indicateurs.enums import Mode, Periodicite, Unite
from indicateurs.models import Cible, DefinitionIndicateur, IndicateurSuivi, Objectif, Valeur
from strategie_nr.referentiel.models import Axe


def _axe(numero: int = 1) -> Axe:
    return Axe.objects.get(numero=numero)


class DefinitionIndicateurFactory(factory.django.DjangoModelFactory):
    """Un indicateur propre à une collectivité, saisi à la main, compté en nombre."""

    class Meta:
        model = DefinitionIndicateur

    collectivite = factory.SubFactory(CollectiviteFactory)
    axe = factory.LazyFunction(_axe)
    libelle = factory.Sequence(lambda n: f"Indicateur de test {n}")
    unite = Unite.NOMBRE

    class Params:
        # Du référentiel commun (sans collectivité), avec sa clé stable.
        commune_a_tous = factory.Trait(
            collectivite=None, cle=factory.Sequence(lambda n: f"test-{n}")
        )
        # Calculé à partir du parc : `code_calcul` doit être dans `calculs.REGISTRE`.
        calcule = factory.Trait(mode=Mode.CALCULE, code_calcul="test.calcul")
        oui_non = factory.Trait(unite=Unite.OUI_NON)
        pourcentage = factory.Trait(unite=Unite.POURCENTAGE, precision=1)


class IndicateurSuiviFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicateurSuivi
        skip_postgeneration_save = True

    collectivite = factory.SubFactory(CollectiviteFactory)
    definition = factory.SubFactory(
        DefinitionIndicateurFactory, collectivite=factory.SelfAttribute("..collectivite")
    )
    responsable = factory.LazyAttribute(
        lambda o: MembreFactory(collectivite=o.collectivite, role=Role.AGENT)
    )

    class Params:
        avec_base = factory.Trait(annee_base=2023, valeur_base=Decimal(10))
        # Des valeurs mesurées de 2022 à 2024 (10, 20, 30) et une cible de 50 en 2027.
        avec_valeurs = factory.Trait(
            valeurs=factory.RelatedFactoryList(
                "indicateurs.tests.factories.ValeurFactory",
                factory_related_name="suivi",
                size=3,
                annee=factory.Sequence(lambda n: 2022 + n % 3),
                valeur=factory.LazyAttribute(lambda o: Decimal(10 * (o.annee - 2021))),
            ),
            cible=factory.RelatedFactory(
                "indicateurs.tests.factories.CibleFactory",
                factory_related_name="suivi",
                annee=2027,
                valeur=Decimal(50),
            ),
        )


class ValeurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Valeur

    suivi = factory.SubFactory(IndicateurSuiviFactory)
    annee = 2024
    valeur = Decimal(1)
    source = ""


class CibleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cible

    suivi = factory.SubFactory(IndicateurSuiviFactory)
    annee = 2027
    valeur = Decimal(1)


class ObjectifFactory(factory.django.DjangoModelFactory):
    """Un objectif énoncé, sans indicateur ; `mesurable=True` le lie à un indicateur suivi."""

    class Meta:
        model = Objectif

    collectivite = factory.SubFactory(CollectiviteFactory)
    axe = factory.LazyFunction(_axe)
    enonce = factory.Sequence(lambda n: f"Objectif de test {n}")
    periodicite = Periodicite.PLURIANNUEL

    class Params:
        mesurable = factory.Trait(
            suivi=factory.SubFactory(
                IndicateurSuiviFactory, collectivite=factory.SelfAttribute("..collectivite")
            ),
            annee_cible=2027,
            valeur_cible=Decimal(50),
        )
