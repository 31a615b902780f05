"""Saisir une valeur : l'année proposée, jamais d'écrasement silencieux, pas de nombre ambigu ;
choisir un indicateur à suivre parmi plus de 150, avec une recherche sans JavaScript."""

from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from indicateurs import services
from indicateurs.models import DefinitionIndicateur, IndicateurSuivi, Valeur
from indicateurs.nombres import NombreInvalide, lire_nombre

DERNIERE_CLOSE = timezone.localdate().year - 1


def _url(suivi, **parametres):
    adresse = reverse("indicateurs:valeur", kwargs={"pk": suivi.pk})
    return adresse + (
        "?" + "&".join(f"{k}={v}" for k, v in parametres.items()) if parametres else ""
    )


def _annee_proposee(page: str) -> str:
    debut = page.index('name="annee"')
    return page[debut : debut + 200].split('value="')[1].split('"')[0]


def test_l_annee_proposee_suit_la_derniere_renseignee(client_de, agent, suivi):
    client = client_de(agent)
    assert _annee_proposee(client.get(_url(suivi)).content.decode()) == str(DERNIERE_CLOSE)
    annee = DERNIERE_CLOSE - 3
    services.valeur_enregistrer(suivi=suivi, auteur=None, annee=annee, valeur=Decimal(4))
    assert _annee_proposee(client.get(_url(suivi)).content.decode()) == str(annee + 1)


def test_une_valeur_existante_n_est_jamais_ecrasee_en_silence(client_de, agent, suivi):
    services.valeur_enregistrer(suivi=suivi, auteur=None, annee=2023, valeur=Decimal(12))
    client = client_de(agent)
    reponse = client.post(_url(suivi), {"annee": "2023", "valeur": "15"})
    assert reponse.status_code == 400
    assert "Une valeur est déjà enregistrée pour 2023 (12)" in unescape(reponse.content.decode())
    assert Valeur.objects.get(suivi=suivi, annee=2023).valeur == 12
    # Cocher « Remplacer » l'autorise ; ouvrir la valeur de l'année pour la modifier aussi.
    reponse = client.post(_url(suivi), {"annee": "2023", "valeur": "15", "remplacer": "on"})
    assert reponse.status_code == 302
    page = client.get(_url(suivi, annee=2023)).content.decode()
    assert 'name="annee_ouverte" value="2023"' in page and 'value="15"' in page
    donnees = {"annee": "2023", "valeur": "16", "annee_ouverte": "2023"}
    assert client.post(_url(suivi), donnees).status_code == 302
    assert Valeur.objects.get(suivi=suivi, annee=2023).valeur == 16
    # Mais changer d'année dans ce formulaire ne remplace pas l'autre année en silence.
    services.valeur_enregistrer(suivi=suivi, auteur=None, annee=2022, valeur=Decimal(9))
    donnees = {"annee": "2022", "valeur": "1", "annee_ouverte": "2023"}
    assert client.post(_url(suivi), donnees).status_code == 400
    assert Valeur.objects.get(suivi=suivi, annee=2022).valeur == 9


@pytest.mark.parametrize("texte", ["1 32", "12 3456", "1 2"])
def test_un_nombre_ambigu_est_refuse(client_de, agent, suivi, texte):
    with pytest.raises(NombreInvalide):
        lire_nombre(texte)
    reponse = client_de(agent).post(_url(suivi), {"annee": "2023", "valeur": texte})
    assert reponse.status_code == 400
    assert "Nombre ambigu" in unescape(reponse.content.decode())
    assert not Valeur.objects.exists()


@pytest.mark.parametrize(
    "texte, attendu", [("1 320", 1320), ("1 234 567,5", Decimal("1234567.5")), ("132", 132)]
)
def test_les_milliers_groupes_par_trois_restent_lus(texte, attendu):
    assert lire_nombre(texte) == attendu


def _options(page: str) -> list[str]:
    """Les indicateurs proposés dans la liste « Indicateur » (sans l'option vide)."""
    liste = page[page.index('name="definition"') :].split("</select>")[0]
    return [o for o in liste.split("<option")[1:] if 'value=""' not in o]


def test_chercher_un_indicateur_a_suivre_sans_javascript(client_de, referent):
    client = client_de(referent)
    url = reverse("indicateurs:suivre")
    tout = _options(client.get(url).content.decode())
    page = client.get(url + "?recherche=imprim").content.decode()
    filtre = _options(page)
    assert len(tout) > 100
    assert 0 < len(filtre) < 20
    assert all("imprim" in option.lower() for option in filtre)
    assert 'value="imprim"' in page and "Tout afficher" in page


def test_suivre_cet_indicateur_depuis_le_referentiel(client_de, referent, agent):
    page = client_de(referent).get(reverse("referentiel:axe", kwargs={"numero": 2})).content
    lien = reverse("indicateurs:suivre") + "?indicateur=axe-2-2"
    assert lien in unescape(page.decode())
    assert lien not in unescape(
        client_de(agent).get(reverse("referentiel:axe", kwargs={"numero": 2})).content.decode()
    )
    formulaire = client_de(referent).get(lien).content.decode()
    definition = DefinitionIndicateur.objects.get(cle="axe-2-2")
    assert f'value="{definition.pk}" selected' in formulaire
    reponse = client_de(referent).post(
        lien, {"definition": definition.pk, "responsable": referent.pk}
    )
    assert reponse.status_code == 302
    assert IndicateurSuivi.objects.filter(definition=definition).exists()


def test_le_graphique_oui_non_ecrit_la_reponse_de_chaque_annee():
    from indicateurs.enums import Unite
    from indicateurs.graphiques import courbe_svg

    svg = courbe_svg(
        annees=[2023, 2024, 2025],
        mesures={2023: Decimal(0), 2024: Decimal(1)},
        cibles={2025: Decimal(1)},
        unite=Unite.OUI_NON,
        identifiant="g",
        titre="Charte adoptée",
    )
    assert ">non</text>" in svg and ">oui</text>" in svg and ">—</text>" in svg
    assert "cible : oui" in svg
    assert "2023 : non ; 2024 : oui ; 2025 : —, cible oui" in svg
    assert "<line" not in svg  # pas d'axe gradué « non, oui »


def test_le_graphique_dit_provisoire_l_annee_en_cours_pas_seulement_par_la_couleur():
    import datetime

    from indicateurs.graphiques import courbe_svg

    def svg(unite):
        return courbe_svg(
            annees=[2024, 2025, 2026],
            mesures={2024: Decimal(3), 2025: Decimal(5), 2026: Decimal(6)},
            cibles={},
            unite=unite,
            identifiant="g",
            titre="Dons",
            aujourdhui=datetime.date(2026, 11, 30),
        )

    courbe = svg("nombre")
    assert courbe.count(">provisoire</text>") == 1
    assert "2026 (année en cours, provisoire) : mesuré 6" in courbe
    assert "2025 : mesuré 5" in courbe
    assert courbe.count('fill="#ffffff"') == 1  # le point de l'année en cours est creux
    assert svg("oui_non").count(">provisoire</text>") == 1
    clos = courbe_svg(
        annees=[2024, 2025],
        mesures={2024: Decimal(3), 2025: Decimal(5)},
        cibles={},
        unite="nombre",
        identifiant="g",
        titre="Dons",
        aujourdhui=datetime.date(2026, 1, 2),
    )
    assert "provisoire" not in clos
