import factory

from collectivites.tests.factories import CollectiviteFactory
from parc.models import Equipement, TypeEquipement


class EquipementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipement

    collectivite = factory.SubFactory(CollectiviteFactory)
    type = factory.LazyFunction(lambda: TypeEquipement.objects.get(code="ordinateur-portable"))
    marque = "Dell"
    modele = "Latitude 5420"
    annee_acquisition = 2021
