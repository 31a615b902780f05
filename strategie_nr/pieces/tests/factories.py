import hashlib
import uuid

import factory
from django.core.files.base import ContentFile

from collectivites.tests.factories import CollectiviteFactory, MembreFactory
from strategie_nr.fiches.tests.factories import FicheActionFactory, VersionFactory
from strategie_nr.pieces.enums import NaturePiece, Rattachement
from strategie_nr.pieces.models import PieceJustificative
from strategie_nr.pieces.tests.exemples import PNG, pdf


class PieceJustificativeFactory(factory.django.DjangoModelFactory):
    """La délibération du conseil (un vrai PDF d'une page) jointe au programme de travail,
    écrite dans le stockage des pièces avec sa taille et son empreinte SHA-256.

    Traits du rattachement : `au_programme` (par défaut), `a_une_version` (une version de la
    feuille de route de la même collectivité), `a_une_fiche` (une fiche action de cette
    collectivité) ; `image` remplace le PDF par une photo PNG."""

    class Meta:
        model = PieceJustificative

    class Params:
        # Les octets du fichier, du format annoncé par `type_mime`.
        contenu = factory.LazyAttribute(lambda o: PNG if o.type_mime == "image/png" else pdf())
        au_programme = factory.Trait(rattachement=Rattachement.PROGRAMME, version=None, fiche=None)
        a_une_version = factory.Trait(
            rattachement=Rattachement.VERSION,
            version=factory.SubFactory(
                VersionFactory,
                feuille_de_route__collectivite=factory.SelfAttribute("...collectivite"),
            ),
            nature=NaturePiece.COPIL,
            nom_fichier="compte-rendu-copil.pdf",
        )
        a_une_fiche = factory.Trait(
            rattachement=Rattachement.FICHE,
            fiche=factory.SubFactory(
                FicheActionFactory,
                version__feuille_de_route__collectivite=factory.SelfAttribute("....collectivite"),
            ),
            nature=NaturePiece.FACTURE,
            nom_fichier="facture.pdf",
        )
        image = factory.Trait(
            type_mime="image/png", nature=NaturePiece.AUTRE, nom_fichier="photo.png"
        )

    collectivite = factory.SubFactory(CollectiviteFactory)
    rattachement = Rattachement.PROGRAMME
    nature = NaturePiece.DELIBERATION
    description = "Pièce de test"
    nom_fichier = "deliberation.pdf"
    type_mime = "application/pdf"
    fichier = factory.LazyAttribute(lambda o: ContentFile(o.contenu, name=o.nom_fichier))
    taille = factory.LazyAttribute(lambda o: len(o.contenu))
    empreinte = factory.LazyAttribute(lambda o: hashlib.sha256(o.contenu).hexdigest())
    ajoute_par = factory.LazyAttribute(lambda o: MembreFactory(collectivite=o.collectivite))
    jeton = factory.LazyFunction(uuid.uuid4)
