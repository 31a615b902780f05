import datetime

import pytest

from strategie_nr.diagnostic import services


@pytest.fixture
def campagne(commune, referent):
    """Une campagne ouverte de la commune."""
    return services.campagne_ouvrir(
        collectivite=commune,
        titre="Diagnostic initial",
        date=datetime.date(2024, 3, 1),
        auteur=referent.utilisateur,
    )
