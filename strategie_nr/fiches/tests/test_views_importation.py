"""Vues de l'import d'un plan d'action et de l'export XLSX."""

import io
import re
from html import unescape

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from strategie_nr.fiches.models import FicheAction
from strategie_nr.fiches.services import feuille_de_route_soumettre
from strategie_nr.fiches.views_importation import CLE_SESSION

from .factories import FicheActionFactory

pytestmark = pytest.mark.django_db

IMPORTER = reverse("fiches:importer")
APERCU = reverse("fiches:import_apercu")
EXPORTER = reverse("fiches:exporter")
ENTETE = "Titre;Axe;Responsable;Démarrage;Fin;Budget (€);Statut"


def texte(reponse) -> str:
    """Le texte de la page, sans balises."""
    return unescape(re.sub(r"<[^>]+>", "", reponse.content.decode()))


def fichier(*lignes: str, nom="plan.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(nom, "\n".join([ENTETE, *lignes]).encode("utf-8-sig"))


def envoyer(client, *lignes, nom="plan.csv"):
    return client.post(IMPORTER, {"fichier": fichier(*lignes, nom=nom)}, follow=True)


def test_anonyme_renvoye_a_la_connexion(client):
    for url in (IMPORTER, APERCU, EXPORTER):
        for methode in ("get", "post"):
            reponse = getattr(client, methode)(url)
            assert reponse.status_code == 302 and reponse.url.startswith(reverse("connexion"))


def test_l_elu_n_importe_pas_mais_exporte(client_de, elu, agent, fiche):
    client = client_de(elu)
    assert client.get(IMPORTER).status_code == 403
    reponse = client.post(
        IMPORTER, {"fichier": fichier(f"A;1;{agent.utilisateur.email};03/2025;12/2025;0;")}
    )
    assert reponse.status_code == 403
    assert client.post(APERCU, {"lignes_valides": "1"}).status_code == 403
    assert FicheAction.objects.count() == 1
    assert client.get(EXPORTER).status_code == 200


def test_parcours_apercu_puis_confirmation(client_de, agent, referent):
    client = client_de(agent)
    reponse = envoyer(
        client,
        f"Former les agents;4;{agent.utilisateur.email};03/2025;12/2025;12 000;En cours",
        f"Site sobre;3;{referent.utilisateur.get_full_name()};09/2025;06/2026;;",
    )
    page = texte(reponse)
    assert reponse.redirect_chain[-1][0] == APERCU
    assert "2 fiches à créer dans une nouvelle version, aucune ligne rejetée." in page
    assert "Former les agents" in page and str(referent.utilisateur) in page
    assert not FicheAction.objects.exists()  # rien avant la confirmation

    reponse = client.post(APERCU, {"confirmer": ""}, follow=True)
    assert "2 fiches actions importées dans la version v1." in texte(reponse)
    assert set(FicheAction.objects.values_list("titre", flat=True)) == {
        "Former les agents",
        "Site sobre",
    }
    assert CLE_SESSION not in client.session
    # La confirmation ne se rejoue pas.
    assert client.post(APERCU, {"confirmer": ""}).status_code == 302
    assert FicheAction.objects.count() == 2


def test_tout_ou_rien_sauf_choix_explicite_des_lignes_valides(client_de, agent):
    client = client_de(agent)
    page = texte(
        envoyer(
            client,
            f"Bonne;1;{agent.utilisateur.email};03/2025;12/2025;0;",
            f"Mauvaise;1;{agent.utilisateur.email};03/2025;12/2025;douze mille;",
        )
    )
    assert "1 fiche à créer" in page and "1 ligne rejetée" in page
    assert "Ligne 3, colonne « Budget (€) » : « douze mille » n'est pas un nombre" in page
    reponse = client.post(APERCU, {"confirmer": ""})
    assert reponse.status_code == 400
    assert "1 ligne est rejetée : rien n'a été importé" in texte(reponse)
    assert not FicheAction.objects.exists()
    reponse = client.post(APERCU, {"confirmer": "", "lignes_valides": "1"}, follow=True)
    assert "1 fiche action importée" in texte(reponse)
    assert list(FicheAction.objects.values_list("titre", flat=True)) == ["Bonne"]


def test_annuler_l_import(client_de, agent, elu, referent_epci):
    client = client_de(agent)
    envoyer(client, f"A;1;{agent.utilisateur.email};03/2025;12/2025;0;")
    annuler = reverse("fiches:import_annuler")
    assert annuler in client.get(APERCU).content.decode()
    page = texte(client.get(annuler))
    assert "Annuler l'import du plan d'action ?" in page and "importez de nouveau" in page
    assert CLE_SESSION in client.session  # la page demande, elle n'annule pas
    assert client_de(elu).post(annuler).status_code == 403
    assert client_de(referent_epci).get(annuler).status_code == 302  # rien à annuler chez elle
    assert CLE_SESSION in client.session
    reponse = client.post(annuler, follow=True)
    assert "Import annulé : rien n'a été créé." in texte(reponse)
    assert not FicheAction.objects.exists() and CLE_SESSION not in client.session


@pytest.mark.parametrize(
    "televerse, message",
    [
        (SimpleUploadedFile("plan.csv", b""), "Le fichier est vide."),
        (
            SimpleUploadedFile("plan.exe", b"MZ\x90\x00"),
            "ni un classeur (.xlsx, .ods) ni un fichier .csv",
        ),
        (SimpleUploadedFile("plan.csv", b"\x00\xff" * 100), "semble binaire"),
        (SimpleUploadedFile("plan.xlsx", b"PK\x03\x04"), "illisible"),
        (
            SimpleUploadedFile("plan.csv", b"Titre;Axe\n" + b"x" * (2 * 1024 * 1024)),
            "ne doit pas dépasser 2 Mo",
        ),
        (None, "Choisissez le fichier de votre plan d'action."),
    ],
)
def test_fichiers_invalides_message_clair_jamais_de_500(client_de, agent, televerse, message):
    reponse = client_de(agent).post(IMPORTER, {"fichier": televerse} if televerse else {})
    assert reponse.status_code == 400
    assert message in texte(reponse)
    assert not FicheAction.objects.exists()


def test_import_impossible_quand_la_version_est_soumise(client_de, agent, fiche):
    feuille_de_route_soumettre(version=fiche.version, auteur=agent)
    client = client_de(agent)
    assert "soumise pour validation" in texte(client.get(IMPORTER))
    reponse = client.post(
        IMPORTER, {"fichier": fichier(f"B;1;{agent.utilisateur.email};03/2025;12/2025;0;")}
    )
    assert reponse.status_code == 400 and "soumise pour validation" in texte(reponse)


def test_l_apercu_d_une_autre_collectivite_n_est_pas_repris(client_de, agent, referent_epci):
    client = client_de(agent)
    envoyer(client, f"A;1;{agent.utilisateur.email};03/2025;12/2025;0;")
    session = client.session
    session[CLE_SESSION]["collectivite"] = referent_epci.collectivite_id
    session.save()
    assert client.get(APERCU).status_code == 302
    assert client.post(APERCU, {"confirmer": ""}).status_code == 302
    assert not FicheAction.objects.exists()


def test_export_de_la_version_courante_et_d_une_version_choisie(client_de, elu, fiche):
    reponse = client_de(elu).get(EXPORTER)
    assert reponse["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="feuille-de-route-' in reponse["Content-Disposition"]
    feuille = openpyxl.load_workbook(io.BytesIO(reponse.content)).worksheets[0]
    assert feuille["A2"].value == fiche.titre
    assert client_de(elu).get(EXPORTER, {"version": "1"}).status_code == 200
    assert client_de(elu).get(EXPORTER, {"version": "7"}).status_code == 404
    assert client_de(elu).get(EXPORTER, {"version": "abc"}).status_code == 404


def test_export_sans_feuille_de_route(client_de, elu):
    reponse = client_de(elu).get(EXPORTER, follow=True)
    assert "Aucune fiche action à exporter" in texte(reponse)


def test_l_export_d_une_autre_collectivite_est_introuvable(client_de, referent_epci, fiche):
    assert client_de(referent_epci).get(EXPORTER, {"version": "1"}).status_code == 404


def test_nombre_de_requetes_borne(client_de, agent, fiche, django_assert_max_num_queries):
    client = client_de(agent)
    lignes = [f"F{n};1;{agent.utilisateur.email};03/2025;12/2025;0;" for n in range(3)]
    with django_assert_max_num_queries(20):  # analyse (POST) et aperçu (GET)
        envoyer(client, *lignes)
    with django_assert_max_num_queries(10):
        client.get(EXPORTER)
    FicheActionFactory.create_batch(40, version=fiche.version, responsable=agent)
    lignes = [f"F{n};1;{agent.utilisateur.email};03/2025;12/2025;0;" for n in range(60)]
    with django_assert_max_num_queries(20):
        reponse = envoyer(client, *lignes)
    assert "60 fiches à créer" in texte(reponse)
    with django_assert_max_num_queries(10):
        assert client.get(EXPORTER).status_code == 200


def test_liens_sur_la_feuille_de_route(client_de, agent, elu, fiche):
    page = texte(client_de(agent).get(reverse("fiches:index")))
    assert "Importer un plan d'action existant" in page and "Exporter la version v1" in page
    page = texte(client_de(elu).get(reverse("fiches:index")))
    assert "Importer un plan d'action existant" not in page and "Exporter la version v1" in page


def jeton_de_l_apercu(client) -> str:
    return client.session[CLE_SESSION]["jeton"]


def test_second_clic_apres_la_fin_de_l_import(client_de, agent):
    """Un second clic arrivé après la fin du premier : les fiches et un message, rien de plus."""
    client = client_de(agent)
    page = envoyer(client, f"A;1;{agent.utilisateur.email};03/2025;12/2025;0;")
    jeton = jeton_de_l_apercu(client)
    assert f'name="jeton" value="{jeton}"' in page.content.decode()
    assert client.post(APERCU, {"confirmer": "", "jeton": jeton}).status_code == 302
    assert FicheAction.objects.count() == 1
    reponse = client.post(APERCU, {"confirmer": "", "jeton": jeton})
    assert reponse.status_code == 302 and reponse.url == reverse("fiches:index")
    page = texte(client.get(reponse.url))
    assert "Ce plan d'action a déjà été importé : 1 fiche action créée le " in page
    assert FicheAction.objects.count() == 1


def test_second_clic_apres_un_nouvel_apercu_n_importe_pas_le_nouveau(client_de, agent):
    client = client_de(agent)
    envoyer(client, f"A;1;{agent.utilisateur.email};03/2025;12/2025;0;")
    ancien = jeton_de_l_apercu(client)
    client.post(APERCU, {"confirmer": "", "jeton": ancien})
    envoyer(client, f"B;1;{agent.utilisateur.email};03/2025;12/2025;0;")
    reponse = client.post(APERCU, {"confirmer": "", "jeton": ancien}, follow=True)
    assert "Ce plan d'action a déjà été importé : 1 fiche action créée" in texte(reponse)
    assert list(FicheAction.objects.values_list("titre", flat=True)) == ["A"]
    reponse = client.post(APERCU, {"confirmer": "", "jeton": "inconnu"}, follow=True)
    assert reponse.redirect_chain[-1][0] == APERCU
    assert "Un autre fichier a été analysé depuis" in texte(reponse)
    assert list(FicheAction.objects.values_list("titre", flat=True)) == ["A"]


def test_l_import_d_une_autre_collectivite_n_est_pas_revele(client_de, agent, referent_epci, elu):
    client = client_de(agent)
    envoyer(client, f"A;1;{agent.utilisateur.email};03/2025;12/2025;0;")
    jeton = jeton_de_l_apercu(client)
    client.post(APERCU, {"confirmer": "", "jeton": jeton})
    autre = client_de(referent_epci)
    reponse = autre.post(APERCU, {"confirmer": "", "jeton": jeton}, follow=True)
    inconnu = autre.post(APERCU, {"confirmer": "", "jeton": "inconnu"}, follow=True)
    assert reponse.redirect_chain == inconnu.redirect_chain == [(IMPORTER, 302)]
    assert "déjà été importé" not in texte(reponse)
    assert "L'aperçu a expiré" in texte(reponse)
    assert client_de(elu).post(APERCU, {"confirmer": "", "jeton": jeton}).status_code == 403
    assert FicheAction.objects.count() == 1
