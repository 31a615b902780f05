import factory

from collectivites.tests.factories import CollectiviteFactory
from strategie_nr.programme.enums import NaturePartiePrenante
from strategie_nr.programme.models import ActionEngagee, BilanImpact, PartiePrenante
from strategie_nr.referentiel.models import Axe


class PartiePrenanteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartiePrenante

    collectivite = factory.SubFactory(CollectiviteFactory)
    nom = factory.Sequence(lambda n: f"Acteur du territoire {n}")
    nature = NaturePartiePrenante.ESS
    role = "Réemploi des équipements"
    contact = "contact@acteur.test"

    class Params:
        reparateur = factory.Trait(nature=NaturePartiePrenante.REPARATEUR, label_qualirepar=True)
        publique = factory.Trait(nature=NaturePartiePrenante.ETAT)


class BilanImpactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BilanImpact

    collectivite = factory.SubFactory(CollectiviteFactory)
    perimetre = "Services de la ville"
    methode = "Inventaire du parc et facteurs ADEME"
    constats = "La fabrication domine"
    chiffres_cles = "95 tCO2e"
    limites = "Usages des habitants non mesurés"


class ActionEngageeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionEngagee

    collectivite = factory.SubFactory(CollectiviteFactory)
    axe = factory.LazyFunction(lambda: Axe.objects.get(numero=2))
    titre = factory.Sequence(lambda n: f"Action déjà engagée {n}")
    description = "Don des postes réformés"
    depuis = 2021
    resultats = "212 postes donnés"


def programme_complet(collectivite) -> None:
    """Un programme de travail qui remplit les contrôles de l'étape 1."""
    PartiePrenanteFactory(collectivite=collectivite, publique=True)
    PartiePrenanteFactory(collectivite=collectivite, reparateur=True)
    BilanImpactFactory(collectivite=collectivite)
    ActionEngageeFactory(collectivite=collectivite)
