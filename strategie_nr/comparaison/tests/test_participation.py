"""Le référent inscrit ou retire sa collectivité ; personne d'autre."""

import pytest
from django.urls import reverse

from collectivites.tests.outils import client_connecte
from strategie_nr.plateforme.models import EntreeHistorique

URL = "comparaison:participation"


@pytest.mark.django_db
def test_desactivee_par_defaut_et_choisie_par_le_referent(commune, referent):
    assert commune.participe_comparaison is False
    client = client_connecte(referent)
    page = client.get(reverse("collectivites:profil_collectivite")).content.decode()
    assert "Participation à la comparaison anonyme" in page
    reponse = client.post(reverse(URL), {"participe": "oui"}, follow=True)
    commune.refresh_from_db()
    assert commune.participe_comparaison is True
    assert "prochaine publication" in reponse.content.decode()
    client.post(reverse(URL), {"participe": "non"})
    commune.refresh_from_db()
    assert commune.participe_comparaison is False
    entrees = EntreeHistorique.objects.for_collectivite(commune).de_l_objet(
        "collectivites.collectivite", commune.pk
    )
    assert [(e.auteur, e.changements[0]["apres"]) for e in entrees.order_by("pk")] == [
        (referent, True),
        (referent, False),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("donnees", [{}, {"participe": "peut-être"}])
def test_un_choix_invalide_est_refuse_en_francais_sans_rien_changer(commune, referent, donnees):
    reponse = client_connecte(referent).post(reverse(URL), donnees)
    assert reponse.status_code == 400
    html = reponse.content.decode()
    assert "Choisissez" in html
    commune.refresh_from_db()
    assert commune.participe_comparaison is False


@pytest.mark.django_db
@pytest.mark.parametrize("qui", ["agent", "elu"])
def test_ni_agent_ni_elu_ne_choisissent(request, commune, qui):
    membre = request.getfixturevalue(qui)
    assert client_connecte(membre).post(reverse(URL), {"participe": "oui"}).status_code == 403
    commune.refresh_from_db()
    assert commune.participe_comparaison is False
    page = client_connecte(membre).get(reverse("comparaison:index")).content.decode()
    assert "Le référent numérique responsable peut l'inscrire" in page
    assert 'name="participe"' not in page


@pytest.mark.django_db
def test_un_refus_du_service_est_dit_en_message_et_la_page_montre_le_choix_enregistre(
    commune, referent
):
    # Un SIRET faux enregistré avant sa vérification : la collectivité ne passe plus full_clean.
    type(commune).objects.filter(pk=commune.pk).update(siret="123")
    reponse = client_connecte(referent).post(reverse(URL), {"participe": "oui"})
    assert reponse.status_code == 400
    html = reponse.content.decode()
    assert '<div class="alert alert-danger">Le SIRET compte 14 chiffres' in html
    assert 'id="participe-non" value="non" checked' in html
    assert 'id="participe-oui" value="oui" checked' not in html
    assert 'id="erreur-participation"' not in html
    commune.refresh_from_db()
    assert commune.participe_comparaison is False
