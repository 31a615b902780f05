import uuid

import factory

from collectivites.tests.factories import CollectiviteFactory, MembreFactory
from strategie_nr.plateforme.enums import ActionHistorique, NatureValeur
from strategie_nr.plateforme.models import EntreeHistorique

CHANGEMENTS = [
    {"libelle": "Quantité", "nature": NatureValeur.NOMBRE.value, "avant": "3", "apres": "5"},
    {
        "libelle": "Modèle",
        "nature": NatureValeur.TEXTE.value,
        "avant": None,
        "apres": "Latitude 5440",
    },
]


class EntreeHistoriqueFactory(factory.django.DjangoModelFactory):
    """La création d'un équipement par un agent de la collectivité, comme l'écrit
    `services.historique_enregistrer`."""

    class Meta:
        model = EntreeHistorique

    collectivite = factory.SubFactory(CollectiviteFactory)
    auteur = factory.LazyAttribute(lambda o: MembreFactory(collectivite=o.collectivite))
    auteur_nom = factory.LazyAttribute(lambda o: str(o.auteur.utilisateur) if o.auteur else "")
    action = ActionHistorique.CREATION
    objet_type = "parc.equipement"
    objet_cle = factory.Sequence(str)
    objet_libelle = factory.Sequence(lambda n: f"Ordinateur portable {n}")

    class Params:
        # Deux champs modifiés, avant et après, dans l'ordre du formulaire.
        avec_changements = factory.Trait(
            action=ActionHistorique.MODIFICATION, changements=CHANGEMENTS
        )
        # Un import : une entrée résumée pour la collectivité entière.
        import_resume = factory.Trait(
            action=ActionHistorique.IMPORT,
            objet_cle="",
            objet_libelle="",
            resume="12 équipements créés, 3 mis à jour.",
        )
        # Une entrée reprise d'un ancien historique : un nom, pas de membre.
        reprise = factory.Trait(auteur=None, auteur_nom="Ancien agent (reprise)")
        # Une fiche action se suit par sa lignée, d'une version à l'autre.
        fiche = factory.Trait(
            objet_type="fiches.ficheaction",
            objet_cle=factory.LazyFunction(lambda: str(uuid.uuid4())),
            objet_libelle="Allonger la durée de vie des ordinateurs",
        )
