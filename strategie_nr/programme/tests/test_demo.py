import pytest

from strategie_nr.demo import demo_charger
from strategie_nr.programme.models import ActionEngagee, PartiePrenante
from strategie_nr.programme.selectors import controles_prerequis_programme

pytestmark = pytest.mark.django_db


def test_la_demo_remplit_le_programme_de_la_commune_une_seule_fois():
    contexte = demo_charger()
    commune = contexte["commune"]
    assert all(c.fait for c in controles_prerequis_programme(commune))
    parties = PartiePrenante.objects.for_collectivite(commune).count()
    actions = ActionEngagee.objects.for_collectivite(commune).count()
    assert parties >= 10 and 5 <= actions <= 6
    assert PartiePrenante.objects.filter(label_qualirepar=True).exists()
    assert contexte["partie_prenante_demo"].collectivite == commune
    demo_charger()
    assert PartiePrenante.objects.count() == parties and ActionEngagee.objects.count() == actions
