import factory

from collectivites.tests.factories import CollectiviteFactory
from strategie_nr.travaux.enums import NatureTravail, StatutTravail
from strategie_nr.travaux.models import Travail


class TravailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Travail

    collectivite = factory.SubFactory(CollectiviteFactory)
    nature = NatureTravail.BILAN_PDF
    libelle = "Bilan 2025"
    parametres = factory.LazyFunction(lambda: {"nom": "bilan-2025.pdf"})
    source = "<html lang='fr'><title>Bilan</title><p>Bilan</p></html>"

    class Params:
        pret = factory.Trait(
            statut=StatutTravail.TERMINE,
            contenu=b"%PDF-1.7 contenu",
            nom_fichier="bilan-2025.pdf",
            type_contenu="application/pdf",
            source="",
        )
        echoue = factory.Trait(statut=StatutTravail.ECHOUE, message="Échec de la production.")
