"""Les services de la collectivité : une liste tenue par le référent, choisie dans les
formulaires et retrouvée à l'import (« urbanisme » et « Urbanisme » ne font qu'un)."""

import io
from html import unescape

from django.urls import reverse

from collectivites.models import Service
from parc.importation import services as import_parc
from parc.importation.tests.outils import ENTETES_GLPI, csv_glpi, ligne_glpi
from parc.models import Equipement

URL = reverse("collectivites:services")


def test_le_referent_tient_la_liste_sans_doublon(client_de, referent, commune):
    client = client_de(referent)
    assert client.post(URL, {"nom": "  Urbanisme "}).status_code == 302
    reponse = client.post(URL, {"nom": "URBANISME"})
    assert reponse.status_code == 400
    assert "Ce service existe déjà" in unescape(reponse.content.decode())
    assert list(Service.objects.values_list("nom", flat=True)) == ["Urbanisme"]


def test_droits_sur_la_liste(client, client_de, agent, referent_epci, commune):
    service = Service.objects.create(collectivite=commune, nom="Culture")
    assert client.get(URL).url.startswith(reverse("connexion"))
    assert "Culture" in client_de(agent).get(URL).content.decode()
    assert client_de(agent).post(URL, {"nom": "Sports"}).status_code == 403
    retirer = reverse("collectivites:service_supprimer", args=[service.pk])
    assert client_de(agent).post(retirer).status_code == 403
    assert client_de(referent_epci).get(retirer).status_code == 404
    assert client_de(referent_epci).post(retirer).status_code == 404
    assert Service.objects.count() == 1


def test_retirer_un_service_apres_confirmation(client_de, referent, commune):
    service = Service.objects.create(collectivite=commune, nom="Culture")
    retirer = reverse("collectivites:service_supprimer", args=[service.pk])
    assert "Cela se défait" in client_de(referent).get(retirer).content.decode()
    assert Service.objects.exists()
    assert client_de(referent).post(retirer).status_code == 302
    assert not Service.objects.exists()


def test_le_formulaire_d_equipement_propose_la_liste(client_de, agent, commune):
    Service.objects.create(collectivite=commune, nom="Urbanisme")
    page = client_de(agent).get(reverse("parc:creer")).content.decode()
    assert '<select name="service"' in page and '<option value="Urbanisme">' in page


def test_l_import_rattache_les_services_ecrits_autrement(commune, agent):
    Service.objects.create(collectivite=commune, nom="Urbanisme")
    entetes = [*ENTETES_GLPI, "Service"]
    lignes = [
        [*ligne_glpi(1), "urbanisme"],
        [*ligne_glpi(2), "URBANISME "],
        [*ligne_glpi(3), "Écoles"],
        [*ligne_glpi(4), "ecoles"],
    ]
    en_attente = import_parc.import_deposer(
        collectivite=commune,
        auteur=agent.utilisateur,
        nom_fichier="export.csv",
        flux=io.BytesIO(csv_glpi(lignes, entetes=entetes)),
    )
    import_parc.import_en_attente_confirmer(
        import_en_attente=en_attente, auteur=agent.utilisateur, seulement_valides=False
    )
    assert sorted(Equipement.objects.values_list("service", flat=True)) == [
        "Urbanisme",
        "Urbanisme",
        "Écoles",
        "Écoles",
    ]
    assert sorted(Service.objects.values_list("nom", flat=True)) == ["Urbanisme", "Écoles"]
