import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_aucune_migration_manquante():
    sortie = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=sortie)
    assert "No changes detected" in sortie.getvalue()
