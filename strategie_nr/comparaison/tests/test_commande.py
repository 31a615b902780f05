"""La commande planifiée : une publication par nuit, pas deux rapprochées."""

import datetime
import io

import pytest
from django.core.management import call_command

from strategie_nr.comparaison.models import Publication


def publier(*arguments) -> str:
    sortie = io.StringIO()
    call_command("publier_comparaison", *arguments, stdout=sortie)
    return sortie.getvalue()


@pytest.mark.django_db
def test_une_seule_publication_en_vingt_heures_sauf_a_forcer():
    assert "Comparaison publiée" in publier()
    premiere = Publication.objects.get()
    assert "Rien à faire" in publier()
    assert Publication.objects.get() == premiere
    assert "Comparaison publiée" in publier("--forcer")
    assert Publication.objects.get() != premiere
    Publication.objects.update(publiee_le=premiere.publiee_le - datetime.timedelta(hours=21))
    assert "Comparaison publiée" in publier()
