"""Page et API publiques : ce qui est publié, et rien d'autre (404), sans connexion."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from jsonschema import Draft202012Validator

from indicateurs.models import Valeur
from parc import conformite
from parc import exports as exports_parc
from parc.enums import Origine
from parc.models import TypeEquipement
from parc.tests.factories import EquipementFactory
from parc.tests.test_vues_conformite import valider as valider_declaration_agec
from strategie_nr.plateforme import formats

from .conftest import CLOSE, COURANTE

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
SCHEMA = json.loads((SCHEMAS / "indicateurs-v1.schema.json").read_text(encoding="utf-8"))
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def url(nom, collectivite, **kwargs):
    return reverse(f"donnees:{nom}", kwargs={"code": collectivite.code_officiel, **kwargs})


@pytest.fixture
def anonyme():
    return Client()


def valider(document):
    validateur = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    erreurs = [f"{list(e.path)} : {e.message}" for e in validateur.iter_errors(document)]
    assert not erreurs, "\n".join(erreurs)


# --- Rien de non publié n'est joignable --------------------------------------------------------


@pytest.mark.parametrize("nom", ["page", "indicateurs_json", "indicateurs_csv", "strategie"])
def test_code_inconnu_donne_404(anonyme, db, nom):
    reponse = anonyme.get(reverse(f"donnees:{nom}", kwargs={"code": "00000"}))
    assert reponse.status_code == 404
    if nom == "indicateurs_json":
        assert reponse.json() == {
            "erreur": "Aucune collectivité ne publie de données sous ce code."
        }
    else:
        assert "Page introuvable" in reponse.content.decode()


@pytest.mark.parametrize("nom", ["page", "indicateurs_json", "indicateurs_csv", "strategie"])
def test_rien_de_publie_par_defaut(anonyme, commune, indicateurs_suivis, strategie_validee, nom):
    assert anonyme.get(url(nom, commune)).status_code == 404


def test_un_choix_non_publie_donne_404(anonyme, commune, indicateurs_suivis, publier):
    publier(commune, strategie=True)
    assert anonyme.get(url("page", commune)).status_code == 200
    reponse = anonyme.get(url("indicateurs_json", commune))
    # L'API répond en JSON, même pour dire qu'il n'y a rien.
    assert (reponse.status_code, reponse["Content-Type"]) == (404, "application/json")
    assert reponse.json() == {"erreur": "Ces données ne sont pas publiées."}
    assert anonyme.get(url("indicateurs_csv", commune)).status_code == 404
    assert anonyme.get(url("declaration_agec", commune, annee=CLOSE)).status_code == 404


def test_une_autre_collectivite_qui_ne_publie_rien_donne_404(
    anonyme, commune, epci, indicateurs_suivis, publier
):
    publier(commune, indicateurs=True, strategie=True, declaration_agec=True)
    for nom in ("page", "indicateurs_json", "indicateurs_csv", "strategie"):
        assert anonyme.get(url(nom, epci)).status_code == 404, nom


def test_un_choix_retire_n_est_plus_servi_meme_depuis_le_cache(
    anonyme, commune, indicateurs_suivis, publier
):
    publier(commune, indicateurs=True)
    assert anonyme.get(url("indicateurs_json", commune)).status_code == 200
    publier(commune, indicateurs=False, strategie=True)
    assert anonyme.get(url("indicateurs_json", commune)).status_code == 404
    assert anonyme.get(url("indicateurs_csv", commune)).status_code == 404
    assert "Indicateurs de suivi" not in anonyme.get(url("page", commune)).content.decode()


def test_l_api_est_en_lecture_seule(anonyme, commune, indicateurs_suivis, publier):
    publier(commune, indicateurs=True)
    assert anonyme.post(url("indicateurs_json", commune)).status_code == 405
    assert anonyme.post(url("page", commune)).status_code == 405


# --- Indicateurs : page, JSON, CSV --------------------------------------------------------------


def test_la_page_publique_montre_les_indicateurs_au_format_francais(
    anonyme, commune, indicateurs_suivis, publier
):
    publier(commune, indicateurs=True)
    reponse = anonyme.get(url("page", commune))
    html = reponse.content.decode()
    assert reponse.status_code == 200
    assert html.count("<h1") == 1
    assert f"Données ouvertes — {commune.nom}" in html
    assert "Licence Ouverte" in html and LICENCE_URL in html
    assert "12,5\u00a0%" in html  # la valeur déclarée de l'année close
    assert "calculée" in html and "déclarée" in html
    assert f'<th scope="row">{CLOSE}</th>' in html  # une année sans séparateur de milliers
    assert "secret" not in html and "Mandats" not in html  # ni commentaire ni source saisie
    assert url("indicateurs_csv", commune) in html
    assert "public" not in reponse.get("Cache-Control", "")


def test_le_json_suit_son_schema_et_dit_sa_licence(anonyme, commune, indicateurs_suivis, publier):
    publier(commune, indicateurs=True)
    reponse = anonyme.get(url("indicateurs_json", commune))
    assert reponse.status_code == 200
    assert reponse["Content-Type"].startswith("application/json")
    assert reponse["Access-Control-Allow-Origin"] == "*"
    assert reponse["Cache-Control"] == "public, max-age=60"
    document = reponse.json()
    valider(document)
    assert document["licence"]["identifiant"] == "etalab-2.0"
    assert document["licence"]["url"] == LICENCE_URL
    assert document["producteur"]["code_officiel"] == commune.code_officiel
    assert document["derniere_annee_close"] == CLOSE
    lignes = {(ligne["identifiant"], ligne["annee"]): ligne for ligne in document["indicateurs"]}
    declaree = lignes[("axe-1-1", CLOSE)]
    assert (declaree["valeur"], declaree["source"], declaree["cible"]) == (12.5, "declare", 10)
    assert declaree["unite"] == "%"
    calculee = lignes[("test.dons", CLOSE)]
    assert (calculee["valeur"], calculee["source"]) == (42, "calcule")
    # Une valeur calculée est arrondie aux décimales de l'indicateur, comme sur les pages.
    assert lignes[("test.dons", CLOSE - 1)]["valeur"] == 17
    # L'année en cours ne publie que sa cible : sa valeur saisie (3) est partielle.
    en_cours = lignes[("axe-1-1", COURANTE)]
    assert (en_cours["valeur"], en_cours["source"], en_cours["cible"]) == (None, None, 20)
    assert b'"valeur": 12.5' in reponse.content  # un nombre JSON, point décimal


def test_le_schema_est_publie_et_valide(anonyme, db):
    reponse = anonyme.get(reverse("donnees:schema_indicateurs"))
    assert reponse.status_code == 200
    schema = json.loads(reponse.content)
    Draft202012Validator.check_schema(schema)
    assert schema == SCHEMA


def test_un_json_qui_s_ecarte_du_schema_est_refuse(anonyme, commune, indicateurs_suivis, publier):
    """Le test de forme échoue vraiment : une valeur en texte, à virgule, est refusée."""
    publier(commune, indicateurs=True)
    document = anonyme.get(url("indicateurs_json", commune)).json()
    document["indicateurs"][0]["valeur"] = "12,5"
    with pytest.raises(AssertionError):
        valider(document)


def test_le_csv_est_en_utf8_a_virgule_et_point_decimal_avec_la_licence_dans_l_en_tete(
    anonyme, commune, indicateurs_suivis, publier
):
    publier(commune, indicateurs=True)
    reponse = anonyme.get(url("indicateurs_csv", commune))
    assert reponse.status_code == 200
    assert reponse["Content-Type"].startswith("text/csv; charset=utf-8")
    assert f'<{LICENCE_URL}>; rel="license"' in reponse["Link"]
    contenu = reponse.content
    assert not contenu.startswith(b"\xef\xbb\xbf")
    lignes = list(csv.DictReader(io.StringIO(contenu.decode("utf-8"))))
    assert list(lignes[0]) == [
        "identifiant",
        "axe",
        "indicateur",
        "unite",
        "sens",
        "annee",
        "valeur",
        "source",
        "cible",
    ]
    par_cle = {(ligne["identifiant"], ligne["annee"]): ligne for ligne in lignes}
    declaree = par_cle[("axe-1-1", str(CLOSE))]
    assert (declaree["valeur"], declaree["source"], declaree["cible"]) == ("12.5", "declare", "10")
    assert par_cle[("axe-1-1", str(COURANTE))]["valeur"] == ""
    assert Decimal(par_cle[("test.dons", str(CLOSE))]["valeur"]) == 42
    document = anonyme.get(url("indicateurs_json", commune)).json()
    assert len(lignes) == len(document["indicateurs"])


# --- Cache ---------------------------------------------------------------------------------------


def test_reponses_en_cache_renouvelees_par_un_changement_de_publication(
    anonyme, commune, indicateurs_suivis, publier
):
    declare, _ = indicateurs_suivis
    publier(commune, indicateurs=True)
    assert anonyme.get(url("indicateurs_json", commune)).json()["indicateurs"]
    Valeur.objects.filter(suivi=declare, annee=CLOSE).update(valeur=Decimal("14"))
    with CaptureQueriesContext(connection) as requetes:
        document = anonyme.get(url("indicateurs_json", commune)).json()
    assert len(requetes) == 1  # la collectivité et ses choix ; les lignes viennent du cache
    lignes = {(ligne["identifiant"], ligne["annee"]): ligne for ligne in document["indicateurs"]}
    assert lignes[("axe-1-1", CLOSE)]["valeur"] == 12.5  # gardée le temps du cache
    publier(commune, indicateurs=True, strategie=True)
    document = anonyme.get(url("indicateurs_json", commune)).json()
    lignes = {(ligne["identifiant"], ligne["annee"]): ligne for ligne in document["indicateurs"]}
    assert lignes[("axe-1-1", CLOSE)]["valeur"] == 14


# --- Limite des demandes -------------------------------------------------------------------------


def test_trop_de_demandes_donne_429_en_francais_avec_retry_after(
    anonyme, commune, indicateurs_suivis, publier, settings
):
    settings.DONNEES_DEMANDES_PAR_MINUTE = 3
    publier(commune, indicateurs=True)
    for _ in range(3):
        assert anonyme.get(url("indicateurs_json", commune)).status_code == 200
    reponse = anonyme.get(url("indicateurs_json", commune))
    assert reponse.status_code == 429
    assert 1 <= int(reponse["Retry-After"]) <= 60
    assert "Trop de demandes" in reponse.json()["erreur"]
    page = anonyme.get(url("page", commune))
    assert page.status_code == 429 and "Réessayez dans" in page.content.decode()
    # Une autre adresse n'est pas bloquée.
    autre = Client(REMOTE_ADDR="192.0.2.7")
    assert autre.get(url("indicateurs_json", commune)).status_code == 200


def test_la_limite_compte_l_adresse_vue_par_le_proxy_de_confiance(
    commune, indicateurs_suivis, publier, settings
):
    settings.DONNEES_DEMANDES_PAR_MINUTE = 2
    settings.PROXIES_DE_CONFIANCE = 1
    publier(commune, indicateurs=True)
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    adresse = url("indicateurs_csv", commune)
    # Un client qui invente l'adresse de gauche reste compté sous celle que le proxy a vue.
    for inventee in ("1.1.1.1", "2.2.2.2"):
        entete = f"{inventee}, 198.51.100.4"
        assert proxy.get(adresse, HTTP_X_FORWARDED_FOR=entete).status_code == 200
    reponse = proxy.get(adresse, HTTP_X_FORWARDED_FOR="3.3.3.3, 198.51.100.4")
    assert reponse.status_code == 429
    # Un autre client derrière le même proxy passe.
    assert proxy.get(adresse, HTTP_X_FORWARDED_FOR="198.51.100.5").status_code == 200


# --- Stratégie ------------------------------------------------------------------------------------


def test_la_strategie_publiee_sert_le_document_officiel_enregistre(
    anonyme, commune, strategie_validee, publier
):
    publier(commune, strategie=True)
    reponse = anonyme.get(url("strategie", commune))
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "application/pdf"
    assert reponse.content == bytes(strategie_validee.contenu)
    html = anonyme.get(url("page", commune)).content.decode()
    assert strategie_validee.somme_controle in html


def test_sans_version_validee_la_strategie_donne_404(anonyme, commune, publier):
    publier(commune, strategie=True)
    assert anonyme.get(url("strategie", commune)).status_code == 404
    assert "Télécharger la stratégie" not in anonyme.get(url("page", commune)).content.decode()


# --- Déclaration AGEC -----------------------------------------------------------------------------


@pytest.fixture
def achats(commune):
    portable = TypeEquipement.objects.get(code="ordinateur-portable")
    EquipementFactory(
        collectivite=commune,
        type=portable,
        annee_acquisition=CLOSE,
        origine=Origine.RECONDITIONNE,
        prix_achat_ht=400,
    )
    EquipementFactory(
        collectivite=commune,
        type=portable,
        annee_acquisition=CLOSE,
        origine=Origine.NEUF,
        prix_achat_ht=1000,
    )
    commune.siret = "21450999400015"
    commune.save()
    return commune


def test_la_declaration_agec_publiee_est_celle_du_schema_national(anonyme, achats, publier):
    publier(achats, declaration_agec=True)
    html = anonyme.get(url("page", achats)).content.decode()
    assert f"Déclaration {CLOSE} (CSV)" in html
    reponse = anonyme.get(url("declaration_agec", achats, annee=CLOSE))
    assert reponse.status_code == 200
    attendu = exports_parc.declaration_agec_csv(
        conformite.declaration_agec_lignes(achats, CLOSE), conformite.CHAMPS_DECLARATION
    )
    assert reponse.content == attendu
    assert b"1400.00" in reponse.content  # point décimal du schéma national


def test_declaration_agec_404_annee_en_cours_sans_achat_ou_sans_siret(anonyme, achats, publier):
    publier(achats, declaration_agec=True)
    assert anonyme.get(url("declaration_agec", achats, annee=COURANTE)).status_code == 404
    assert anonyme.get(url("declaration_agec", achats, annee=CLOSE - 1)).status_code == 404
    achats.siret = ""
    achats.save()
    publier(achats, declaration_agec=False)
    publier(achats, declaration_agec=True)
    assert anonyme.get(url("declaration_agec", achats, annee=CLOSE)).status_code == 404


def valider_csv(chemin: Path) -> tuple[bool, list]:
    """Le CSV contre son Table Schema, avec frictionless (comme un portail de données)."""
    from frictionless import Resource, Schema, validate

    limite = csv.field_size_limit()
    try:
        rapport = validate(
            Resource(
                path=chemin.name,
                basepath=str(chemin.parent),
                schema=Schema.from_descriptor(
                    json.loads((SCHEMAS / "indicateurs-v1.tableschema.json").read_text("utf-8"))
                ),
            )
        )
    finally:
        csv.field_size_limit(limite)
    return rapport.valid, rapport.flatten(["rowNumber", "fieldName", "type", "message"])


def test_le_csv_suit_son_table_schema_publie(
    anonyme, commune, indicateurs_suivis, publier, tmp_path
):
    publier(commune, indicateurs=True)
    reponse = anonyme.get(url("indicateurs_csv", commune))
    schema_csv = reverse("donnees:schema_indicateurs_csv")
    assert f'<{schema_csv}>; rel="describedby"' in reponse["Link"]
    chemin = tmp_path / "indicateurs.csv"
    chemin.write_bytes(reponse.content)
    valide, erreurs = valider_csv(chemin)
    assert valide, erreurs
    publie = anonyme.get(schema_csv)
    assert publie.status_code == 200
    assert json.loads(publie.content)["fields"][6]["name"] == "valeur"
    # Le contrôle échoue vraiment : une virgule décimale est refusée.
    chemin.write_text(
        "identifiant,axe,indicateur,unite,sens,annee,valeur,source,cible\r\n"
        'axe-1-1,1,Part,%,hausse,2024,"12,5",declare,\r\n',
        encoding="utf-8",
    )
    assert not valider_csv(chemin)[0]


def test_la_declaration_agec_publiee_passe_le_schema_national(anonyme, achats, publier, tmp_path):
    publier(achats, declaration_agec=True)
    chemin = tmp_path / "declaration.csv"
    chemin.write_bytes(anonyme.get(url("declaration_agec", achats, annee=CLOSE)).content)
    valide, erreurs = valider_declaration_agec(chemin)
    assert valide, erreurs


def test_nombre_machine_au_point_decimal_sans_separateur():
    assert formats.nombre_machine(Decimal("1234.50")) == "1234.5"
    assert formats.nombre_machine(Decimal("12000")) == "12000"
    assert formats.nombre_machine(Decimal("-0.0300")) == "-0.03"
    assert formats.nombre_machine(None) == ""
