import datetime
import hashlib

import factory
from django.utils import timezone

from strategie_nr.documents.models import DocumentOfficiel
from strategie_nr.fiches.enums import StatutVersion
from strategie_nr.fiches.tests.factories import VersionFactory

PDF_MINIMAL = b"%PDF-1.7"


class DocumentOfficielFactory(factory.django.DjangoModelFactory):
    """Le document officiel d'une version validée (instantané vide), un PDF de quelques octets
    et son empreinte SHA-256."""

    class Meta:
        model = DocumentOfficiel

    version = factory.SubFactory(
        VersionFactory,
        statut=StatutVersion.VALIDEE,
        instantane={"fiches": []},
        somme_controle="0" * 64,
        validee_le=factory.LazyFunction(timezone.now),
        date_copil=datetime.date(2025, 1, 1),
    )
    collectivite = factory.SelfAttribute("version.feuille_de_route.collectivite")
    contenu = PDF_MINIMAL
    somme_controle = factory.LazyAttribute(lambda o: hashlib.sha256(o.contenu).hexdigest())
    taille = factory.LazyAttribute(lambda o: len(o.contenu))
