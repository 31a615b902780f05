import datetime
import io
import re
from html import unescape

import openpyxl
import pytest
from django.urls import reverse

from collectivites.models import Service
from parc.enums import Statut
from parc.models import Equipement, TypeEquipement
from strategie_nr.plateforme.models import EntreeHistorique

from .factories import EquipementFactory


@pytest.fixture(autouse=True)
def services_de_la_commune(commune):
    for nom in ("Culture", "Finances", "Urbanisme"):
        Service.objects.create(collectivite=commune, nom=nom)


@pytest.fixture
def equipement(commune):
    return EquipementFactory(collectivite=commune, numero_inventaire="INV-42", service="Culture")


def url(nom, equipement=None, **kwargs):
    if equipement is not None:
        kwargs["pk"] = equipement.pk
    return reverse(f"parc:{nom}", kwargs=kwargs)


OBJETS = ["equipement", "modifier", "reformer"]


@pytest.mark.parametrize("nom", OBJETS)
def test_anonyme_autre_collectivite_elu(client, client_de, referent_epci, elu, equipement, nom):
    assert client.get(url(nom, equipement)).url.startswith(reverse("connexion"))
    assert client_de(referent_epci).get(url(nom, equipement)).status_code == 404
    assert client_de(referent_epci).post(
        url(nom, equipement), {"destination": "don"}
    ).status_code in (404, 405)
    attendu = 200 if nom == "equipement" else 403
    assert client_de(elu).get(url(nom, equipement)).status_code == attendu
    assert client_de(elu).post(url("creer"), {}).status_code == 403


def _formulaire(**champs):
    donnees = {
        "type": TypeEquipement.objects.get(code="ecran").pk,
        "marque": "Iiyama",
        "modele": "XU2493",
        "quantite": "12",
        "annee_acquisition": "2023",
        "prix_achat_ht": "1 234,50",
        "origine": "reconditionne",
        "statut": "en_service",
        "service": "Finances",
    }
    return donnees | champs


def test_agent_ajoute_un_lot(client_de, agent):
    reponse = client_de(agent).post(url("creer"), _formulaire())
    equipement = Equipement.objects.get()
    assert reponse.status_code == 302 and reponse.url == equipement.get_absolute_url()
    assert (equipement.quantite, str(equipement.prix_achat_ht)) == (12, "1234.50")
    assert EntreeHistorique.objects.get().auteur == agent


@pytest.mark.parametrize(
    "champs, message",
    [
        ({"quantite": "0"}, "supérieure ou égale à 1"),
        (
            {"annee_acquisition": "", "date_acquisition": ""},
            "Indiquez au moins l'année d'acquisition.",
        ),
        ({"annee_acquisition": "1850"}, "L'année doit être comprise"),
        ({"prix_achat_ht": "douze"}, "Saisissez un nombre"),
        ({"prix_achat_ht": "-5"}, "ne peut pas être négatif"),
        ({"statut": "reforme"}, "Sélectionnez un choix valide"),
        ({"date_acquisition": "31/02/2023"}, "Saisissez une date"),
    ],
)
def test_saisie_fautive_refusee_et_conservee(client_de, agent, champs, message):
    reponse = client_de(agent).post(url("creer"), _formulaire(**champs))
    contenu = unescape(reponse.content.decode())
    assert reponse.status_code == 400 and message in contenu
    assert 'value="Iiyama"' in contenu
    assert not Equipement.objects.exists()


def test_numero_en_double_refuse(client_de, agent, equipement):
    reponse = client_de(agent).post(url("creer"), _formulaire(numero_inventaire="INV-42"))
    assert reponse.status_code == 400
    assert "Ce numéro d&#x27;inventaire existe déjà dans votre parc." in reponse.content.decode()


def test_reformer_un_don(client_de, agent, equipement):
    client = client_de(agent)
    donnees = {"date_fin_usage": "15/06/2025", "destination": "don", "beneficiaire": ""}
    reponse = client.post(url("reformer", equipement), donnees)
    assert reponse.status_code == 400 and "Indiquez le bénéficiaire" in reponse.content.decode()
    donnees["beneficiaire"] = "Association Emmaüs Connect"
    assert client.post(url("reformer", equipement), donnees).status_code == 302
    equipement.refresh_from_db()
    assert (equipement.statut, equipement.date_fin_usage) == (
        Statut.REFORME,
        datetime.date(2025, 6, 15),
    )
    page = client.get(url("equipement", equipement)).content.decode()
    assert "Association Emmaüs Connect" in page and "Réforme" in page


def test_liste_filtres_et_export(client_de, elu, commune):
    portable = TypeEquipement.objects.get(code="ordinateur-portable")
    EquipementFactory(
        collectivite=commune, type=portable, marque="=cmd|' /C calc'!A0", service="Culture"
    )
    EquipementFactory(
        collectivite=commune, type=TypeEquipement.objects.get(code="ecran"), service="Sports"
    )
    client = client_de(elu)
    page = unescape(client.get(url("index") + "?type=ordinateur-portable").content.decode())
    assert "1 ligne d'inventaire" in page
    reponse = client.get(url("export", format="xlsx") + "?service=Sports")
    lignes = list(
        openpyxl.load_workbook(io.BytesIO(reponse.content)).active.iter_rows(values_only=True)
    )
    assert lignes[0][:3] == ("Type", "Nom", "Marque") and len(lignes) == 2
    # La colonne des dates ne contient que des dates ; l'année a sa propre colonne.
    entetes = lignes[0]
    date = lignes[1][entetes.index("Date d'acquisition")]
    annee = lignes[1][entetes.index("Année d'acquisition")]
    assert date is None or isinstance(date, datetime.datetime)
    assert isinstance(annee, int)
    reponse = client.get(url("export", format="csv"))
    assert reponse.streaming  # servi en flux
    csv = b"".join(reponse.streaming_content).decode("utf-8-sig")
    assert "'=cmd" in csv and "\n=cmd" not in csv
    assert client.get(url("export", format="pdf")).status_code == 404


@pytest.mark.parametrize("nom", ["index", "tableau_de_bord", "export_csv"])
def test_requetes_bornees(client_de, agent, commune, nom, django_assert_max_num_queries):
    client = client_de(agent)
    cible = (
        url("export", format="csv")
        if nom == "export_csv"
        else url(nom) + ("?annee=2024" if nom == "tableau_de_bord" else "")
    )
    EquipementFactory.create_batch(3, collectivite=commune)

    def lire():
        reponse = client.get(cible)
        if reponse.streaming:  # le CSV interroge la base en se lisant
            b"".join(reponse.streaming_content)
        return reponse

    with django_assert_max_num_queries(18) as avant:
        lire()
    types = list(TypeEquipement.objects.all())
    for rang in range(120):
        EquipementFactory(
            collectivite=commune, type=types[rang % len(types)], annee_acquisition=2015 + rang % 10
        )
    with django_assert_max_num_queries(len(avant.captured_queries)):
        assert lire().status_code == 200


def test_tableau_de_bord_ouvre_sur_la_derniere_annee_close(client_de, agent, commune):
    from django.utils import timezone

    courante = timezone.localdate().year
    ancien = EquipementFactory(collectivite=commune, annee_acquisition=courante - 4)
    Equipement.objects.filter(pk=ancien.pk).update(
        statut=Statut.REFORME,
        destination="deee",
        date_fin_usage=datetime.date(courante - 2, 3, 1),
    )
    EquipementFactory(collectivite=commune, annee_acquisition=courante - 3)
    client = client_de(agent)

    def annee_affichee(suffixe=""):
        reponse = client.get(url("tableau_de_bord") + suffixe)
        return reponse.context["annee"]

    # Rien acheté ni sorti cette année : l'année de la dernière sortie, pas une année vide.
    assert annee_affichee() == courante - 2
    assert annee_affichee(f"?annee={courante}") == courante
    assert annee_affichee("?annee=1900") == courante - 2  # année hors liste : le défaut
    EquipementFactory(collectivite=commune, annee_acquisition=courante - 1)
    assert annee_affichee() == courante - 1
    # Un achat de l'année en cours ne l'ouvre pas sur une année pas finie ; elle reste
    # accessible, dite provisoire.
    EquipementFactory(collectivite=commune, annee_acquisition=courante)
    assert annee_affichee() == courante - 1
    page = client.get(url("tableau_de_bord") + f"?annee={courante}").content.decode()
    assert f"{courante} (année en cours, provisoire)" in page


def test_reformes_a_completer_comptes_et_filtres(client_de, agent, commune):
    a_completer = EquipementFactory(
        collectivite=commune, statut=Statut.REFORME, destination="non_renseignee", nom="PC-R-1"
    )
    EquipementFactory(collectivite=commune, nom="PC-S-2")
    client = client_de(agent)
    page = unescape(client.get(url("tableau_de_bord")).content.decode())
    assert "1 équipement réformé à compléter" in page
    page = unescape(client.get(url("index") + "?a_completer=on").content.decode())
    assert "1 ligne d'inventaire" in page and "PC-R-1" in page and "PC-S-2" not in page
    page = unescape(client.get(url("equipement", a_completer)).content.decode())
    assert "Compléter la fin d'usage" in page
    page = unescape(client.get(url("index") + "?q=PC-S-2").content.decode())
    assert "1 ligne d'inventaire" in page and "PC-S-2" in page


def test_completer_la_fin_d_usage_d_un_reforme_importe(client_de, agent, commune):
    equipement = EquipementFactory(
        collectivite=commune, statut=Statut.REFORME, destination="non_renseignee"
    )
    client = client_de(agent)
    assert client.get(url("reformer", equipement)).status_code == 200
    donnees = {"date_fin_usage": "15/06/2025", "destination": "non_renseignee"}
    assert client.post(url("reformer", equipement), donnees).status_code == 400
    donnees["destination"] = "deee"
    assert client.post(url("reformer", equipement), donnees).status_code == 302
    equipement.refresh_from_db()
    assert (equipement.destination, equipement.a_completer) == ("deee", False)
    # Complété : on ne le « réforme » plus une seconde fois.
    assert client.get(url("reformer", equipement)).status_code == 302


def test_un_gros_export_xlsx_passe_par_le_processus_de_taches(
    client_de, elu, commune, settings, executer_travaux
):
    settings.EXPORT_EN_ARRIERE_PLAN_LIGNES = 3
    EquipementFactory.create_batch(4, collectivite=commune, service="Sports")
    client = client_de(elu)
    reponse = client.get(url("export", format="xlsx") + "?service=Sports")
    assert reponse.status_code == 302 and "/travaux/" in reponse.url
    assert client.get(url("export", format="xlsx") + "?service=Sports").url == reponse.url
    executer_travaux()
    fichier = client.get(reponse.url + "fichier")
    assert fichier["Content-Type"].startswith("application/vnd.openxmlformats")
    lignes = list(
        openpyxl.load_workbook(io.BytesIO(fichier.content)).active.iter_rows(values_only=True)
    )
    assert len(lignes) == 5
    # Sous le seuil : tout de suite.
    settings.EXPORT_EN_ARRIERE_PLAN_LIGNES = 10
    petit = client.get(url("export", format="xlsx") + "?service=Sports")
    assert petit.status_code == 200 and petit.content.startswith(b"PK")


def _jeton(page: str) -> str:
    """La date de modification lue, telle que le formulaire la renvoie (champ caché)."""
    balise = re.search(r'<input[^>]*name="lu_le"[^>]*>', page).group(0)
    return unescape(re.search(r'value="([^"]*)"', balise).group(1))


def test_deux_agents_modifient_le_meme_equipement_rien_n_est_perdu(
    client_de, agent, referent, equipement
):
    premier, second = client_de(agent), client_de(referent)
    marque = equipement.marque
    jeton_premier = _jeton(premier.get(url("modifier", equipement)).content.decode())
    jeton_second = _jeton(second.get(url("modifier", equipement)).content.decode())
    commun = {"type": equipement.type_id, "quantite": "1", "annee_acquisition": "2021"}
    commun |= {"origine": "neuf", "statut": "en_service", "numero_inventaire": "INV-42"}
    commun |= {"marque": marque, "modele": equipement.modele}
    reponse = second.post(
        url("modifier", equipement), commun | {"service": "Urbanisme", "lu_le": jeton_second}
    )
    assert reponse.status_code == 302

    # Le premier enregistre ensuite depuis un formulaire ouvert avant : refusé, différences.
    saisie = commun | {"service": "Culture", "marque": "HP", "lu_le": jeton_premier}
    reponse = premier.post(url("modifier", equipement), saisie)
    assert reponse.status_code == 409
    page = unescape(reponse.content.decode())
    assert "modifié par une autre personne" in page
    assert re.search(r"Service</th><td>Urbanisme</td><td>Culture</td>", page)
    assert f"Marque</th><td>{equipement.marque}</td><td>HP</td>" in page
    assert 'value="HP"' in page  # la saisie est gardée
    equipement.refresh_from_db()
    assert (equipement.service, equipement.marque) == ("Urbanisme", marque)
    modifications = EntreeHistorique.objects.filter(action="modification")
    assert [(e.auteur, e.changements) for e in modifications] == [
        (
            referent,
            [{"libelle": "service", "nature": "texte", "avant": "Culture", "apres": "Urbanisme"}],
        )
    ]

    # Après comparaison, renvoyer le formulaire (jeton à jour) applique la saisie, à son nom.
    reponse = premier.post(url("modifier", equipement), saisie | {"lu_le": _jeton(page)})
    assert reponse.status_code == 302
    equipement.refresh_from_db()
    assert (equipement.service, equipement.marque) == ("Culture", "HP")
    dernier = EntreeHistorique.objects.filter(action="modification").first()
    assert dernier.auteur == agent
    assert {"libelle": "service", "nature": "texte", "avant": "Urbanisme", "apres": "Culture"} in (
        dernier.changements
    )


def test_jeton_absent_ou_faux_refuse_sans_rien_changer(client_de, agent, equipement):
    donnees = {"type": equipement.type_id, "quantite": "3", "annee_acquisition": "2022"}
    donnees |= {"origine": "neuf", "statut": "en_service", "lu_le": "pas une date"}
    reponse = client_de(agent).post(url("modifier", equipement), donnees)
    assert reponse.status_code == 400
    assert "rouvrez la page de modification" in unescape(reponse.content.decode())
    equipement.refresh_from_db()
    assert equipement.quantite != 3


def test_la_fiche_d_un_equipement_affiche_son_prix_par_le_formateur(client_de, agent):
    client_de(agent).post(url("creer"), _formulaire())
    page = unescape(
        client_de(agent).get(Equipement.objects.get().get_absolute_url()).content.decode()
    )
    assert "1\u202f234,5\u00a0€ HT l'unité" in page
