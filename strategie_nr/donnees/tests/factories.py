import factory
from django.utils import timezone

from collectivites.enums import Role
from collectivites.tests.factories import CollectiviteFactory, MembreFactory
from strategie_nr.donnees.models import Publication


def _referent(o):
    return MembreFactory(collectivite=o.collectivite, role=Role.REFERENT)


class PublicationFactory(factory.django.DjangoModelFactory):
    """Les choix de publication d'une collectivité : rien de publié par défaut.

    Un choix publié porte sa date (`…_depuis`), comme l'exige la base."""

    class Meta:
        model = Publication
        django_get_or_create = ["collectivite"]

    collectivite = factory.SubFactory(CollectiviteFactory)
    modifiee_le = factory.LazyFunction(timezone.now)

    class Params:
        par_referent = factory.Trait(modifiee_par=factory.LazyAttribute(_referent))
        indicateurs_publies = factory.Trait(
            indicateurs=True, indicateurs_depuis=factory.SelfAttribute("modifiee_le")
        )
        strategie_publiee = factory.Trait(
            strategie=True, strategie_depuis=factory.SelfAttribute("modifiee_le")
        )
        declaration_agec_publiee = factory.Trait(
            declaration_agec=True, declaration_agec_depuis=factory.SelfAttribute("modifiee_le")
        )
        tout_publie = factory.Trait(
            indicateurs_publies=True, strategie_publiee=True, declaration_agec_publiee=True
        )
