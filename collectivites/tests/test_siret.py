"""SIRET de la collectivité : 14 chiffres, clé de Luhn, cohérent avec le SIREN d'un groupement."""

import pytest
from django.urls import reverse

from collectivites.validators import siret_valide

SIRET = "21450999400015"


@pytest.mark.parametrize(
    "siret, valide",
    [
        (SIRET, True),
        ("21450999400016", False),  # clé fausse
        ("2145099940001", False),  # 13 chiffres
        ("214509994000150", False),
        ("2145099940001A", False),
        ("21450999500004", False),  # total juste sur 14 chiffres, mais SIREN à clé fausse
        ("", False),
        (None, False),
    ],
)
def test_siret(siret, valide):
    assert siret_valide(siret) is valide


def _effectifs(**champs):
    return {"population": "82000", "nombre_agents": "900"} | champs


def test_le_referent_saisit_le_siret(client_de, referent, commune):
    adresse = reverse("collectivites:profil_collectivite")
    client = client_de(referent)
    reponse = client.post(adresse, _effectifs(siret="214 509 994 00016"))
    assert reponse.status_code == 400
    assert "clé de contrôle" in reponse.content.decode()
    commune.refresh_from_db()
    assert (commune.siret, commune.population) == ("", 60_000)
    assert client.post(adresse, _effectifs(siret="214 509 994 00015")).status_code == 302
    commune.refresh_from_db()
    assert commune.siret == SIRET


def test_le_siret_d_un_epci_commence_par_son_siren(client_de, referent_epci, epci):
    reponse = client_de(referent_epci).post(
        reverse("collectivites:profil_collectivite"), _effectifs(siret=SIRET)
    )
    assert reponse.status_code == 400
    assert f"ne commence pas par le SIREN de la collectivité ({epci.code_officiel})" in (
        reponse.content.decode()
    )


def test_l_agent_ne_change_pas_le_siret(client_de, agent, commune):
    reponse = client_de(agent).post(
        reverse("collectivites:profil_collectivite"), _effectifs(siret=SIRET)
    )
    assert reponse.status_code == 403
    commune.refresh_from_db()
    assert commune.siret == ""
