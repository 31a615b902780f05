import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from collectivites.tests.factories import MembreFactory
from indicateurs import services
from indicateurs.models import (
    Cible,
    DefinitionIndicateur,
    IndicateurSuivi,
    Objectif,
    Valeur,
)
from strategie_nr.plateforme.models import EntreeHistorique
from strategie_nr.referentiel.models import Axe

ECRITURES = ["modifier", "cibles", "valeur"]


def url(nom, suivi=None):
    return reverse(f"indicateurs:{nom}", kwargs={"pk": suivi.pk} if suivi else {})


@pytest.mark.parametrize("nom", ["suivi", *ECRITURES])
def test_anonyme_et_autre_collectivite(client, client_de, referent_epci, suivi, nom):
    reponse = client.get(url(nom, suivi))
    assert reponse.status_code == 302 and reponse.url.startswith(reverse("connexion"))
    assert client_de(referent_epci).get(url(nom, suivi)).status_code == 404
    assert nom == "suivi" or (
        client_de(referent_epci).post(url(nom, suivi), {"valeur": "3", "annee": "2024"}).status_code
        == 404
    )
    assert not Valeur.objects.exists()


@pytest.mark.parametrize("nom", ECRITURES)
def test_droits_d_ecriture(client_de, suivi, agent, referent, elu, commune, nom):
    autre_agent = MembreFactory(collectivite=commune)
    assert client_de(agent).get(url(nom, suivi)).status_code == 200  # responsable
    assert client_de(referent).get(url(nom, suivi)).status_code == 200
    assert client_de(autre_agent).get(url(nom, suivi)).status_code == 403
    assert client_de(elu).get(url(nom, suivi)).status_code == 403
    assert client_de(elu).post(url(nom, suivi), {"annee": "2024", "valeur": "3"}).status_code == 403
    assert client_de(elu).get(url("suivi", suivi)).status_code == 200
    assert not Valeur.objects.exists()


@pytest.mark.parametrize("nom", ["suivre", "creer", "objectif_creer"])
def test_choix_des_indicateurs_et_objectifs_par_le_referent(client_de, agent, elu, referent, nom):
    assert client_de(agent).get(url(nom)).status_code == 403
    assert client_de(elu).post(url(nom)).status_code == 403
    assert client_de(referent).get(url(nom)).status_code == 200


def test_saisie_a_la_francaise(client_de, agent, suivi):
    reponse = client_de(agent).post(
        url("valeur", suivi), {"annee": "2024", "valeur": "1 234", "source": "Conventions"}
    )
    assert reponse.status_code == 302
    assert Valeur.objects.get(suivi=suivi, annee=2024).valeur == Decimal(1234)
    page = client_de(agent).get(url("suivi", suivi)).content.decode()
    assert "1\u202f234" in page and "Conventions" in page
    assert "<strong>valeur 2024</strong> : 1\u202f234</li>" in page  # l'historique


def test_valeur_impossible_refusee_et_saisie_conservee(client_de, referent, commune):
    pourcentage = IndicateurSuivi.objects.create(
        collectivite=commune,
        definition=DefinitionIndicateur.objects.get(cle="axe-1-1"),
        responsable=referent,
    )
    reponse = client_de(referent).post(
        url("valeur", pourcentage), {"annee": "2024", "valeur": "120 %", "source": "Mandats 2024"}
    )
    assert reponse.status_code == 400
    contenu = reponse.content.decode()
    assert "Un pourcentage est compris entre 0 et 100." in contenu
    assert 'value="120 %"' in contenu and 'value="Mandats 2024"' in contenu
    assert "Rien n'a été enregistré" in contenu
    reponse = client_de(referent).post(
        url("valeur", pourcentage), {"annee": "deux mille", "valeur": "abc"}
    )
    assert reponse.status_code == 400
    assert "Saisissez une année" in reponse.content.decode()
    assert "Saisissez un nombre" in reponse.content.decode()
    assert not Valeur.objects.exists() and not EntreeHistorique.objects.exists()


def test_agent_modifie_reference_et_cibles_de_son_indicateur(client_de, agent, referent, suivi):
    client = client_de(agent)
    reponse = client.post(
        url("modifier", suivi),
        {"responsable": referent.pk, "annee_base": "2022", "valeur_base": "35"},
    )
    assert reponse.status_code == 302
    suivi.refresh_from_db()
    # L'agent ne change pas le responsable (champ désactivé), seulement la référence.
    assert (suivi.responsable, suivi.annee_base, suivi.valeur_base) == (agent, 2022, 35)
    # « 1 50 » est ambigu (150 ? 1,50 ?) : refusé, rien n'est enregistré.
    reponse = client.post(url("cibles", suivi), {"cible_2026": "140", "cible_2027": "1 50"})
    assert reponse.status_code == 400 and not Cible.objects.exists()
    reponse = client.post(url("cibles", suivi), {"cible_2026": "140", "cible_2027": "150"})
    assert reponse.status_code == 302
    assert dict(Cible.objects.filter(suivi=suivi).values_list("annee", "valeur")) == {
        2026: 140,
        2027: 150,
    }
    reponse = client.post(url("modifier", suivi), {"annee_base": "2022", "valeur_base": ""})
    assert "Indiquez la valeur de l&#x27;année de référence." in reponse.content.decode()


def test_referent_suit_un_indicateur(client_de, referent, agent, commune):
    definition = DefinitionIndicateur.objects.get(cle="axe-4-1")
    reponse = client_de(referent).post(
        url("suivre"),
        {
            "definition": definition.pk,
            "responsable": agent.pk,
            "annee_base": "2023",
            "valeur_base": "2",
        },
    )
    suivi = IndicateurSuivi.objects.get(collectivite=commune, definition=definition)
    assert reponse.status_code == 302 and reponse.url == url("cibles", suivi)
    # Un indicateur déjà suivi ne se propose plus.
    assert f'value="{definition.pk}"' not in client_de(referent).get(url("suivre")).content.decode()


def test_objectif_chiffre(client_de, referent, suivi, commune):
    axe = Axe.objects.get(numero=2)
    donnees = {
        "axe": axe.pk,
        "enonce": "Donner plus",
        "periodicite": "pluriannuel",
        "suivi": suivi.pk,
        "annee_cible": "",
        "valeur_cible": "",
    }
    reponse = client_de(referent).post(url("objectif_creer"), donnees)
    assert reponse.status_code == 400
    assert "Un objectif chiffré a une année cible." in reponse.content.decode()
    donnees.update(annee_cible="2027", valeur_cible="150")
    assert client_de(referent).post(url("objectif_creer"), donnees).status_code == 302
    objectif = Objectif.objects.get()
    assert (objectif.annee_cible, objectif.valeur_cible) == (2027, 150)
    assert (
        client_de(referent)
        .post(reverse("indicateurs:objectif_supprimer", kwargs={"pk": objectif.pk}))
        .status_code
        == 302
    )
    assert not Objectif.objects.exists()


def test_exports(client_de, elu, suivi, referent):
    services.valeur_enregistrer(
        suivi=suivi, auteur=None, annee=2024, valeur=Decimal("98.5"), source="=cmd|' /C calc'!A0"
    )
    services.cibles_enregistrer(suivi=suivi, auteur=None, cibles={2027: Decimal(150)})
    client = client_de(elu)
    csv = client.get(reverse("indicateurs:export", args=["csv"])).content.decode("utf-8-sig")
    entetes, ligne_2024 = csv.splitlines()[0], next(x for x in csv.splitlines() if ";2024;" in x)
    assert entetes.startswith("Axe;Indicateur;Unité")
    assert ";98,5;" in ligne_2024 and "'=cmd" in ligne_2024
    classeur = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("indicateurs:export", args=["xlsx"])).content)
    )
    lignes = list(classeur["Indicateurs"].iter_rows(min_row=2, values_only=True))
    assert {(x[8], x[10], x[11]) for x in lignes} == {(2024, None, 98.5), (2027, 150, None)}
    document = json.loads(client.get(reverse("indicateurs:export", args=["json"])).content)
    assert {x["annee"] for x in document["lignes"]} == {2024, 2027}
    assert client.get(reverse("indicateurs:export", args=["pdf"])).status_code == 404


def test_les_exports_ecrivent_les_nombres_a_la_francaise(client_de, elu, suivi):
    services.valeur_enregistrer(suivi=suivi, auteur=None, annee=2023, valeur=Decimal("1234.50"))
    services.valeur_enregistrer(suivi=suivi, auteur=None, annee=2024, valeur=Decimal("60000.00"))
    client = client_de(elu)
    csv = client.get(reverse("indicateurs:export", args=["csv"])).content.decode("utf-8-sig")
    assert ";2023;close;;1234,5;" in csv
    assert ";2024;close;;60000;" in csv
    classeur = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("indicateurs:export", args=["xlsx"])).content)
    )
    cellules = {ligne[8].value: ligne[11] for ligne in classeur["Indicateurs"].iter_rows(min_row=2)}
    assert cellules[2023].value == 1234.5 and cellules[2023].number_format == "#,##0.0##"
    assert cellules[2024].value == 60000 and cellules[2024].number_format == "#,##0"


def test_les_exports_disent_provisoire_l_annee_en_cours(client_de, elu, suivi):
    en_cours = timezone.localdate().year
    for annee in (en_cours - 1, en_cours):
        services.valeur_enregistrer(suivi=suivi, auteur=None, annee=annee, valeur=Decimal(4))
    client = client_de(elu)
    csv = client.get(reverse("indicateurs:export", args=["csv"])).content.decode("utf-8-sig")
    assert "Statut de l'année" in csv.splitlines()[0]
    assert f";{en_cours};année en cours (provisoire);" in csv
    assert f";{en_cours - 1};close;" in csv
    classeur = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("indicateurs:export", args=["xlsx"])).content)
    )
    lignes = list(classeur["Indicateurs"].iter_rows(min_row=2, values_only=True))
    assert {(x[8], x[9]) for x in lignes} == {
        (en_cours - 1, "close"),
        (en_cours, "année en cours (provisoire)"),
    }
    page = client.get(url("index")).content.decode()
    assert f"{en_cours} (année en cours, provisoire) : mesuré 4" in page  # le graphique
    assert ">provisoire</text>" in page


def _beaucoup(commune, referent, nombre):
    for definition in DefinitionIndicateur.objects.filter(collectivite=None, mode="saisi").exclude(
        suivis__collectivite=commune
    )[:nombre]:
        suivi = IndicateurSuivi.objects.create(
            collectivite=commune, definition=definition, responsable=referent
        )
        for annee in range(2020, 2026):
            Valeur.objects.create(suivi=suivi, annee=annee, valeur=annee - 2000)
            Cible.objects.create(suivi=suivi, annee=annee + 2, valeur=annee - 1990)
        services.objectif_enregistrer(
            objectif=Objectif(
                collectivite=commune,
                axe=definition.axe,
                enonce="x",
                suivi=suivi,
                annee_cible=2027,
                valeur_cible=1,
            )
        )


@pytest.mark.parametrize("nom", ["index", "suivi", "export_xlsx"])
def test_requetes_bornees(client_de, referent, commune, suivi, nom, django_assert_max_num_queries):
    client = client_de(referent)
    cible = {
        "index": url("index"),
        "suivi": url("suivi", suivi),
        "export_xlsx": reverse("indicateurs:export", args=["xlsx"]),
    }[nom]
    # Assez d'indicateurs pour que chaque famille de calcul (parc, contrôles légaux) serve dès
    # la première mesure : chacune coûte un nombre fixe de requêtes, quel que soit le volume.
    _beaucoup(commune, referent, 20)
    with django_assert_max_num_queries(25) as avant:
        client.get(cible)
    _beaucoup(commune, referent, 20)
    for annee in range(2020, 2026):
        Valeur.objects.get_or_create(suivi=suivi, annee=annee, defaults={"valeur": 1})
    with django_assert_max_num_queries(len(avant.captured_queries)):
        assert client.get(cible).status_code == 200
