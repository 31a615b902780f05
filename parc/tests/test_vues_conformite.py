"""Réforme puis sortie, panneau REEN et AGEC du tableau de bord, déclaration AGEC (vue et
commande), validée contre le schéma national avec frictionless."""

import csv
import datetime
import json
import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from collectivites.validators import siret_valide
from parc.enums import Destination, Origine, Statut
from parc.models import ObjectifAgec, TypeEquipement
from strategie_nr.plateforme.models import EntreeHistorique

from .factories import EquipementFactory

SIRET = "21450999400015"
SCHEMA = Path(__file__).resolve().parents[1] / "schema-declaration-biens-reemploi.json"


def T(code):
    return TypeEquipement.objects.get(code=code)


def valider(chemin: Path):
    """Valide le fichier contre le schéma national. frictionless relève, en chargeant son
    lecteur CSV, la limite de taille des champs du module csv pour tout le processus : on la
    remet comme avant."""
    from frictionless import Resource, Schema, validate

    limite = csv.field_size_limit()
    try:
        rapport = validate(
            Resource(
                path=chemin.name,
                basepath=str(chemin.parent),
                schema=Schema.from_descriptor(json.loads(SCHEMA.read_text(encoding="utf-8"))),
            )
        )
    finally:
        csv.field_size_limit(limite)
    return rapport.valid, rapport.flatten(["type", "message"])


@pytest.fixture
def achats_2024(commune):
    """Informatique 2024 : 2 × 1 000 € neufs (dont un lot marqué recyclé), 2 × 400 €
    reconditionnés, un don reçu d'un portable (200 €), un redéploiement interne ignoré ;
    impression : un copieur neuf à 3 000 €."""
    portable = T("ordinateur-portable")
    communs = {"collectivite": commune, "type": portable, "annee_acquisition": 2024}
    EquipementFactory(**communs, origine=Origine.NEUF, prix_achat_ht=1000)
    EquipementFactory(**communs, origine=Origine.NEUF, prix_achat_ht=1000, matieres_recyclees=True)
    EquipementFactory(**communs, origine=Origine.RECONDITIONNE, prix_achat_ht=400, quantite=2)
    EquipementFactory(**communs, origine=Origine.DON_RECU)
    EquipementFactory(**communs, origine=Origine.REEMPLOI_INTERNE, prix_achat_ht=900, quantite=5)
    EquipementFactory(
        collectivite=commune,
        type=T("copieur"),
        annee_acquisition=2024,
        origine=Origine.NEUF,
        prix_achat_ht=3000,
    )
    commune.siret = SIRET
    commune.save()
    return commune


def test_commande_ecrit_une_declaration_valide_selon_le_schema(achats_2024, tmp_path):
    sortie = tmp_path / "declaration.csv"
    call_command(
        "exporter_declaration_agec", achats_2024.code_officiel, "--annee", "2024", "-o", sortie
    )
    valide, erreurs = valider(sortie)
    assert valide, erreurs
    lignes = sortie.read_text(encoding="utf-8").splitlines()
    assert lignes[0].startswith("annee,siret,raison_sociale,type_produit_acquis,montant_total")
    # Informatique : 2 000 + 800 + 200 (don) = 3 000 € ; réemploi et dons 1 000 € ; dons 200 € ;
    # recyclé 1 000 €. Impression : 3 000 € neufs.
    assert lignes[1].startswith(
        f"2024,{SIRET},Ville de Démo-sur-Loire,Matériel informatique et téléphonie,"
        "3000.00,1000.00,200.00,1000.00,"
    )
    assert lignes[2].startswith(
        f"2024,{SIRET},Ville de Démo-sur-Loire,Matériel de reprographie et d'impression,"
        "3000.00,0.00,0.00,0.00,"
    )
    assert len(lignes) == 3


def test_le_validateur_refuse_un_fichier_hors_schema(tmp_path):
    """Le test ci-dessus peut échouer : un SIRET de 13 chiffres est refusé."""
    fichier = tmp_path / "faux.csv"
    fichier.write_text(
        "annee,siret,raison_sociale,type_produit_acquis,montant_total,"
        "montant_valorisation_et_don,montant_produits_issus_don,montant_produits_recycles,"
        "commentaires\n2024,2145099940001,X,Matériel informatique et téléphonie,1,0,0,0,\n",
        encoding="utf-8",
    )
    assert valider(fichier)[0] is False


def test_commande_sans_siret_ou_code_inconnu(commune, tmp_path):
    with pytest.raises(CommandError, match="SIRET"):
        call_command("exporter_declaration_agec", commune.code_officiel, "--annee", "2024")
    with pytest.raises(CommandError, match="Aucune collectivité"):
        call_command("exporter_declaration_agec", "00000", "--annee", "2024")


def test_telechargement_de_la_declaration(client, client_de, agent, elu, achats_2024, tmp_path):
    adresse = reverse("parc:declaration_agec") + "?annee=2024"
    assert client.get(adresse).url.startswith(reverse("connexion"))
    assert client_de(elu).get(adresse).status_code == 403
    reponse = client_de(agent).get(adresse)
    assert reponse.status_code == 200
    assert f"declaration-agec-2024-{SIRET}.csv" in reponse["Content-Disposition"]
    fichier = tmp_path / "declaration.csv"
    fichier.write_bytes(reponse.content)
    assert valider(fichier)[0]


def test_declaration_d_une_autre_collectivite_ne_montre_pas_nos_achats(
    client_de, referent_epci, achats_2024, epci
):
    epci.siret = next(  # le premier numéro d'établissement qui rend la clé juste
        siret for nic in range(100) if siret_valide(siret := f"{epci.code_officiel}{nic:05d}")
    )
    epci.save()
    reponse = client_de(referent_epci).get(reverse("parc:declaration_agec") + "?annee=2024")
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Démo-sur-Loire" not in contenu and len(contenu.splitlines()) == 1


def test_sans_siret_un_message_et_pas_de_fichier(client_de, agent, commune):
    reponse = client_de(agent).get(reverse("parc:declaration_agec") + "?annee=2024", follow=True)
    page = unescape(reponse.content.decode())
    assert reponse.redirect_chain[-1][0].endswith("?annee=2024")
    assert "Renseignez le SIRET de la collectivité" in page


def test_requetes_de_la_declaration_bornees(
    client_de, agent, achats_2024, django_assert_max_num_queries
):
    adresse = reverse("parc:declaration_agec") + "?annee=2024"
    client = client_de(agent)
    with django_assert_max_num_queries(10) as avant:
        client.get(adresse)
    for _ in range(30):
        EquipementFactory(collectivite=achats_2024, annee_acquisition=2024, prix_achat_ht=10)
    with django_assert_max_num_queries(len(avant.captured_queries)):
        assert client.get(adresse).status_code == 200


# --- Réforme, puis sortie ------------------------------------------------------------------


def test_reformer_puis_sortir_avec_engagement(client_de, agent, commune):
    ecran = EquipementFactory(collectivite=commune, type=T("ecran"), annee_acquisition=2020)
    client = client_de(agent)
    adresse = reverse("parc:reformer", kwargs={"pk": ecran.pk})
    assert client.post(adresse, {"date_reforme": "10/01/2025"}).status_code == 302
    ecran.refresh_from_db()
    assert (ecran.statut, ecran.date_reforme, ecran.date_fin_usage) == (
        Statut.REFORME,
        datetime.date(2025, 1, 10),
        None,
    )
    page = unescape(client.get(ecran.get_absolute_url()).content.decode())
    assert "en attente de sortie" in page and "Enregistrer la sortie" in page
    sortie = {
        "date_fin_usage": "05/03/2025",
        "destination": Destination.VENTE,
        "beneficiaire": "Agorastore",
        "engagement_reemploi": "on",
        "preuve_engagement": "",
    }
    reponse = client.post(adresse, sortie)
    assert reponse.status_code == 400
    assert "Indiquez la référence de la preuve" in unescape(reponse.content.decode())
    ecran.refresh_from_db()
    assert ecran.date_fin_usage is None
    sortie["preuve_engagement"] = "Convention 2025-12"
    assert client.post(adresse, sortie).status_code == 302
    ecran.refresh_from_db()
    assert (ecran.destination, ecran.engagement_reemploi, ecran.preuve_engagement) == (
        Destination.VENTE,
        True,
        "Convention 2025-12",
    )
    # Double clic : la seconde sortie est refusée, rien ne change.
    sortie["destination"] = Destination.DON
    reponse = client.post(adresse, sortie)
    assert reponse.status_code == 400
    ecran.refresh_from_db()
    assert ecran.destination == Destination.VENTE
    reformes = EntreeHistorique.objects.de_l_objet("parc.equipement", ecran.pk)
    assert reformes.filter(action="reforme").count() == 2


def test_sortie_avant_la_reforme_refusee(client_de, agent, commune):
    ecran = EquipementFactory(collectivite=commune, type=T("ecran"), annee_acquisition=2020)
    reponse = client_de(agent).post(
        reverse("parc:reformer", kwargs={"pk": ecran.pk}),
        {"date_reforme": "10/01/2025", "date_fin_usage": "05/01/2025", "destination": "deee"},
    )
    assert reponse.status_code == 400
    assert "La sortie ne peut pas précéder la réforme." in unescape(reponse.content.decode())
    ecran.refresh_from_db()
    assert ecran.statut == Statut.EN_SERVICE


# --- Tableau de bord -------------------------------------------------------------------------


@pytest.fixture
def reformes_2025(commune):
    """2 écrans réformés fin 2024 (B = 2) ; l'un cédé en 2025 avec engagement (A = 1) ; un
    portable de 2012 réformé en 2024 (plus de dix ans : hors calcul, vers le DEEE)."""
    ecran = T("ecran")
    EquipementFactory(
        collectivite=commune,
        type=ecran,
        annee_acquisition=2019,
        statut=Statut.REFORME,
        date_reforme=datetime.date(2024, 12, 1),
        date_fin_usage=datetime.date(2025, 2, 1),
        destination=Destination.CESSION,
        beneficiaire="Commune de Saint-Démo",
        engagement_reemploi=True,
        preuve_engagement="Convention 12",
    )
    EquipementFactory(
        collectivite=commune,
        type=ecran,
        annee_acquisition=2019,
        statut=Statut.REFORME,
        date_reforme=datetime.date(2024, 12, 1),
    )
    EquipementFactory(
        collectivite=commune,
        annee_acquisition=2012,
        marque="Vieux",
        statut=Statut.REFORME,
        date_reforme=datetime.date(2024, 6, 1),
    )
    return commune


def test_panneau_reen_du_tableau_de_bord(client_de, elu, reformes_2025):
    reponse = client_de(elu).get(reverse("parc:tableau_de_bord") + "?annee=2025")
    page = " ".join(re.sub(r"<[^>]+>", " ", unescape(reponse.content.decode())).split())
    page = page.replace(" er ", "er ")
    assert "décret n° 2023-266 du 12 avril 2023" in page
    assert "la moitié (50 %)" in page.replace("\u00a0", " ")
    assert "B — réformés en stock au 1er janvier 2025 2 " in page
    assert "A — réformés orientés vers le réemploi ou la réutilisation en 2025" in page
    assert "Objectif 2025 atteint." in page  # 1 / 2 = 50 %
    assert "1 de plus de dix ans à la réforme" in page
    assert "à orienter vers le recyclage (DEEE)" in page and "Vieux" in page
    assert "décret n° 2024-134 du 21 février 2024" in page
    assert "au plus tard le 30 juin 2026" in page
    assert "Télécharger la déclaration" not in page  # l'élu ne prépare pas la déclaration


def test_objectif_agec_saisi_donne_un_verdict(client_de, agent, achats_2024):
    ObjectifAgec.objects.filter(categorie__code="informatique-telephonie", annee=2024).update(
        part_reemploi=Decimal(40), a_confirmer=False
    )
    page = unescape(
        client_de(agent).get(reverse("parc:tableau_de_bord") + "?annee=2024").content.decode()
    )
    # 1 000 / 3 000 = 33,3 % < 40 %.
    assert "33,3\u00a0% — <strong>non atteint</strong>" in page
    assert "Télécharger la déclaration 2024 (CSV)" in page
