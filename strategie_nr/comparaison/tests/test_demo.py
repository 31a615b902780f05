"""La démo rend la comparaison parlante pour la commune 45999."""

import pytest
from django.urls import reverse

from collectivites.tests.outils import client_connecte
from strategie_nr.comparaison.models import Contribution, Publication, Statistique
from strategie_nr.demo import demo_charger


@pytest.mark.django_db
def test_la_demo_montre_des_groupes_a_la_commune_sans_nommer_personne():
    contexte = demo_charger()
    publication = Publication.objects.get()
    assert Contribution.objects.filter(publication=publication).exists()
    reponse = client_connecte(contexte["membres"]["elu@demo.test"]).get(
        reverse("comparaison:index")
    )
    html = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Toutes les participantes" in html
    assert "Communes de 50 001 à 100 000 habitants" in html
    assert "fictive" not in html
    # Rien ne change au second passage.
    nombre = Statistique.objects.count()
    demo_charger()
    assert Publication.objects.get() == publication
    assert Statistique.objects.count() == nombre
