"""Pages de l'import : dépôt, aperçu, correspondances, confirmation ; droits et cloisonnement."""

import io
from datetime import timedelta
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from parc.importation import lecture, services
from parc.importation.models import CorrespondanceImport, ImportEnAttente
from parc.models import Equipement

from .outils import csv_glpi, exemple, ligne_glpi

pytestmark = pytest.mark.django_db

DEPOT = reverse("import_parc:depot")


def deposer(client, nom, donnees):
    return client.post(DEPOT, {"fichier": SimpleUploadedFile(nom, donnees)})


def texte(reponse) -> str:
    return unescape(reponse.content.decode())


def equipements(collectivite):
    return Equipement.objects.for_collectivite(collectivite)


@pytest.fixture
def en_attente(commune, agent):
    return services.import_deposer(
        collectivite=commune,
        auteur=agent.utilisateur,
        nom_fichier="export.csv",
        flux=io.BytesIO(csv_glpi([ligne_glpi(n) for n in range(3)])),
    )


def urls_de(en_attente):
    return {
        nom: reverse(f"import_parc:{nom}", args=[en_attente.pk])
        for nom in ("apercu", "correspondances", "options", "confirmer", "abandonner")
    }


# --- Droits -------------------------------------------------------------------------------------


def test_anonyme_renvoye_a_la_connexion(client, en_attente):
    for url in [DEPOT, *urls_de(en_attente).values()]:
        for methode in (client.get, client.post):
            reponse = methode(url)
            assert reponse.status_code == 302 and reponse.url.startswith(reverse("connexion"))


def test_elu_ne_peut_pas_importer(client_de, elu, en_attente):
    client = client_de(elu)
    assert client.get(DEPOT).status_code == 403
    assert deposer(client, "a.csv", csv_glpi([ligne_glpi(1)])).status_code == 403
    for url in urls_de(en_attente).values():
        assert client.get(url).status_code == 403
        assert client.post(url, {"seulement_valides": "on"}).status_code == 403
    assert ImportEnAttente.objects.count() == 1
    assert not equipements(elu.collectivite).exists()


def test_membre_d_une_autre_collectivite_recoit_une_404(client_de, referent_epci, en_attente):
    client = client_de(referent_epci)
    for nom, url in urls_de(en_attente).items():
        assert client.get(url).status_code == 404
        reponse = client.post(url, {"seulement_valides": "on", "type_0": "ecran"})
        assert reponse.status_code == (405 if nom == "apercu" else 404)
    assert ImportEnAttente.objects.filter(pk=en_attente.pk).exists()
    assert not CorrespondanceImport.objects.exists()


@pytest.mark.parametrize("role", ["agent", "referent"])
def test_agents_et_referents_importent(request, client_de, role):
    membre = request.getfixturevalue(role)
    client = client_de(membre)
    assert client.get(DEPOT).status_code == 200
    reponse = deposer(client, "export.csv", exemple("export_glpi.csv"))
    en_attente = ImportEnAttente.objects.get(auteur=membre.utilisateur)
    assert reponse.status_code == 302 and reponse.url == en_attente.get_absolute_url()
    page = texte(client.get(reponse.url))
    assert 'Équipements à créer</dt><dd class="col-sm-8" id="a-creer">40<' in page
    assert "Colonnes ignorées (non reconnues) : « Système d'exploitation - Nom »" in page
    assert "Importer 40 lignes</button>" in page
    reponse = client.post(reverse("import_parc:confirmer", args=[en_attente.pk]))
    assert reponse.status_code == 302
    assert equipements(membre.collectivite).count() == 40
    assert ImportEnAttente.objects.confirmes().get(pk=en_attente.pk).contenu in (
        b"",
        memoryview(b""),
    )
    assert "40 équipements ont été créés, 0 mis à jour, 0 inchangé, 0 ligne rejetée." in texte(
        client.get(reponse.url)
    )


def test_second_clic_apres_la_fin_de_l_import(client_de, agent, en_attente):
    """Un second clic arrivé après la fin du premier : le parc et un message, pas de 404."""
    client = client_de(agent)
    confirmer = reverse("import_parc:confirmer", args=[en_attente.pk])
    assert client.post(confirmer).status_code == 302
    assert equipements(agent.collectivite).count() == 3
    client.get(reverse("parc:index"))  # le message du premier clic est lu
    for second_clic in (
        lambda: client.post(confirmer),
        lambda: client.get(en_attente.get_absolute_url()),
    ):
        reponse = second_clic()
        assert reponse.status_code == 302 and reponse.url == reverse("parc:index")
        page = texte(client.get(reponse.url))
        assert "Cet import a déjà été confirmé : 3 lignes importées le " in page
        assert "Il n'a pas été importé une seconde fois" in page
    assert equipements(agent.collectivite).count() == 3
    assert ImportEnAttente.objects.confirmes().get().lignes_importees == 3


def test_import_confirme_d_une_autre_collectivite_reste_introuvable(
    client_de, agent, referent_epci, elu, en_attente
):
    assert (
        client_de(agent).post(reverse("import_parc:confirmer", args=[en_attente.pk])).status_code
        == 302
    )
    nombre = Equipement.objects.count()
    for nom, url in urls_de(en_attente).items():
        if nom != "abandonner":
            assert client_de(referent_epci).get(url).status_code == 404
            assert client_de(elu).get(url).status_code == 403
        assert client_de(referent_epci).post(url).status_code == (405 if nom == "apercu" else 404)
        assert client_de(elu).post(url).status_code == 403
    assert Equipement.objects.count() == nombre


def test_un_nouveau_depot_garde_la_trace_de_l_import_confirme(client_de, agent, en_attente):
    client = client_de(agent)
    client.post(reverse("import_parc:confirmer", args=[en_attente.pk]))
    deposer(client, "b.csv", csv_glpi([ligne_glpi(9)]))
    assert ImportEnAttente.objects.confirmes().filter(pk=en_attente.pk).exists()
    reponse = client.post(reverse("import_parc:confirmer", args=[en_attente.pk]))
    assert reponse.status_code == 302 and reponse.url == reverse("parc:index")
    assert equipements(agent.collectivite).count() == 3


def test_import_expire_introuvable(client_de, agent, en_attente):
    ImportEnAttente.objects.filter(pk=en_attente.pk).update(
        cree_le=timezone.now() - timedelta(days=2), expire_le=timezone.now() - timedelta(days=1)
    )
    assert client_de(agent).get(en_attente.get_absolute_url()).status_code == 404


# --- Dépôt : fichiers qui ne sont pas ce qu'ils prétendent --------------------------------------


@pytest.mark.parametrize(
    ("nom", "donnees", "message"),
    [
        ("vide.csv", b"", "Le fichier est vide."),
        ("image.csv", b"\x89PNG\r\n\x1a\n" + bytes(500), "Le fichier semble binaire"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(100), "n'est pas d'un format accepté"),
        ("faux.xlsx", b"Type;Marque\nEcran;Dell\n", "n'est pas un classeur XLSX"),
        ("sans-type.csv", b"Marque;Mod\xe8le\nDell;P2422H\n", "La colonne du type"),
    ],
)
def test_fichier_refuse_avec_un_message_clair(client_de, agent, nom, donnees, message):
    reponse = deposer(client_de(agent), nom, donnees)
    assert reponse.status_code == 400
    assert message in texte(reponse)
    assert not ImportEnAttente.objects.exists()


def test_depot_sans_fichier(client_de, agent):
    reponse = client_de(agent).post(DEPOT, {})
    assert reponse.status_code == 400
    assert "Choisissez un fichier à importer." in texte(reponse)


def test_fichier_trop_gros_refuse_sans_etre_garde(client_de, agent, monkeypatch):
    # 50 Mo refusés comme 2 Mo au-dessus d'une limite abaissée à 1 Mo : même chemin de code.
    monkeypatch.setattr("django.conf.settings.TABLEURS_TAILLE_MAX", 1024 * 1024, raising=False)
    gros = b"Type;Marque\n" + b"Ecran;Dell\n" * 200_000
    reponse = deposer(client_de(agent), "gros.csv", gros)
    assert reponse.status_code == 400
    assert "Le fichier dépasse la taille maximale de 1 Mo." in texte(reponse)
    assert not ImportEnAttente.objects.exists()


def test_fichier_de_50_mo_refuse(client_de, agent):
    gros = b"Type;Marque\n" + b"Ecran;Dell\n" * (50 * 1024 * 1024 // 11)
    reponse = deposer(client_de(agent), "gros.csv", gros)
    assert reponse.status_code == 400
    assert f"taille maximale de {lecture.taille_max() // 1024 // 1024} Mo" in texte(reponse)
    assert not ImportEnAttente.objects.exists()


def test_un_nouveau_depot_remplace_le_precedent(client_de, agent, en_attente):
    deposer(client_de(agent), "b.csv", csv_glpi([ligne_glpi(9)]))
    assert list(ImportEnAttente.objects.values_list("nom_fichier", flat=True)) == ["b.csv"]


# --- Aperçu, tout ou rien -----------------------------------------------------------------------


def test_apercu_avec_erreurs_puis_tout_ou_rien(client_de, agent):
    client = client_de(agent)
    lignes = [
        ligne_glpi(1),
        ligne_glpi(2, **{"Date d'achat": "31/02/2023"}),
        ligne_glpi(3, **{"Modèle": "=cmd|' /C calc'!A0"}),
        ligne_glpi(4),
    ]
    reponse = deposer(client, "erreurs.csv", csv_glpi(lignes))
    page = texte(client.get(reponse.url))
    assert 'id="a-creer">2<' in page and 'id="rejetees">2<' in page
    assert (
        "Ligne 3, colonne « Date d'achat » : « 31/02/2023 » n'est pas une date qui existe" in page
    )
    assert "Ligne 4, colonne « Modèle » : « =cmd|' /C calc'!A0 » ressemble à une formule" in page
    confirmer = reverse("import_parc:confirmer", args=[ImportEnAttente.objects.valides().get().pk])
    reponse = client.post(confirmer)
    assert reponse.status_code == 400
    assert "Rien n'a été importé" in texte(reponse)
    assert not equipements(agent.collectivite).exists()
    reponse = client.post(confirmer, {"seulement_valides": "on"})
    assert reponse.status_code == 302
    assert sorted(equipements(agent.collectivite).values_list("numero_serie", flat=True)) == [
        "SN000001",
        "SN000004",
    ]


def test_reimporter_le_meme_fichier_met_a_jour_sans_doublon(client_de, agent):
    client = client_de(agent)
    for _ in range(2):
        reponse = deposer(client, "export.csv", exemple("export_glpi.csv"))
        client.post(
            reverse("import_parc:confirmer", args=[ImportEnAttente.objects.valides().get().pk])
        )
    assert equipements(agent.collectivite).count() == 40
    reponse = deposer(client, "export.csv", exemple("export_glpi.csv"))
    page = texte(client.get(reponse.url))
    assert 'id="a-creer">0<' in page and 'id="a-mettre-a-jour">0<' in page
    assert 'id="inchangees">40<' in page and "Le parc est déjà à jour" in page


def test_correspondances_demandees_une_fois_et_retenues(client_de, agent, referent):
    client = client_de(agent)
    fichier = csv_glpi(
        [
            ligne_glpi(1, Type="Ordinateurs"),
            ligne_glpi(2, Type="Ordinateurs", Statut="Chez le prestataire"),
        ]
    )
    reponse = deposer(client, "a.csv", fichier)
    apercu = reponse.url
    page = texte(client.get(apercu))
    assert "Type d'équipement « Ordinateurs » (2 lignes)" in page
    assert "Statut « Chez le prestataire » (1 ligne)" in page
    en_attente = ImportEnAttente.objects.valides().get()
    url = reverse("import_parc:correspondances", args=[en_attente.pk])
    reponse = client.post(url, {"type_0": "", "statut_0": ""})
    assert reponse.status_code == 400 and "Choisissez au moins une correspondance." in texte(
        reponse
    )
    reponse = client.post(url, {"type_0": "inconnu"})
    assert reponse.status_code == 400
    assert not CorrespondanceImport.objects.exists()
    reponse = client.post(url, {"type_0": "ordinateur-fixe", "statut_0": "en_service"})
    assert reponse.status_code == 302
    page = texte(client.get(apercu))
    assert 'id="a-creer">2<' in page and "Valeurs à faire correspondre" not in page
    # Retenu pour la collectivité : un collègue qui dépose « ORDINATEURS » n'a rien à choisir.
    reponse = deposer(client_de(referent), "b.csv", csv_glpi([ligne_glpi(3, Type="ORDINATEURS")]))
    assert 'id="a-creer">1<' in texte(client_de(referent).get(reponse.url))


def test_correspondances_d_une_collectivite_ne_servent_pas_a_une_autre(
    client_de, agent, referent_epci
):
    CorrespondanceImport.objects.create(
        collectivite=agent.collectivite,
        champ="type",
        cle="ordinateur",
        texte="Ordinateurs",
        valeur="ordinateur-fixe",
    )
    reponse = deposer(
        client_de(referent_epci), "a.csv", csv_glpi([ligne_glpi(1, Type="Ordinateurs")])
    )
    assert "Type d'équipement « Ordinateurs »" in texte(client_de(referent_epci).get(reponse.url))


def test_abandonner(client_de, agent, en_attente):
    url = reverse("import_parc:abandonner", args=[en_attente.pk])
    page = texte(client_de(agent).get(url))
    assert "Abandonner l'import de" in page and "déposez de nouveau le même fichier" in page
    assert ImportEnAttente.objects.exists()  # la page demande, elle n'abandonne pas
    reponse = client_de(agent).post(url)
    assert reponse.status_code == 302
    assert not ImportEnAttente.objects.exists()


def test_exemples_telechargeables(client_de, agent):
    reponse = client_de(agent).get(reverse("import_parc:exemple", args=["export_glpi.csv"]))
    assert reponse.status_code == 200
    assert b"".join(reponse.streaming_content) == exemple("export_glpi.csv")
    assert (
        client_de(agent).get(reverse("import_parc:exemple", args=["settings.py"])).status_code
        == 404
    )


# --- Nombre de requêtes -------------------------------------------------------------------------


def test_requetes_bornees_quelle_que_soit_la_taille(
    client_de, agent, django_assert_max_num_queries
):
    client = client_de(agent)
    for taille in (3, 600):
        deposer(client, "a.csv", csv_glpi([ligne_glpi(n) for n in range(taille)]))
        en_attente = ImportEnAttente.objects.valides().get()
        with django_assert_max_num_queries(15):
            assert client.get(en_attente.get_absolute_url()).status_code == 200
        # Revu sans que rien n'ait changé : l'aperçu enregistré sert, le fichier n'est pas relu.
        with django_assert_max_num_queries(8):
            assert client.get(en_attente.get_absolute_url()).status_code == 200
        with django_assert_max_num_queries(12):
            assert client.get(DEPOT).status_code == 200
    # Le parc contient maintenant 600 équipements : l'aperçu d'une mise à jour reste borné.
    client.post(reverse("import_parc:confirmer", args=[en_attente.pk]))
    deposer(client, "a.csv", csv_glpi([ligne_glpi(n) for n in range(600)]))
    with django_assert_max_num_queries(15):
        page = texte(client.get(ImportEnAttente.objects.valides().get().get_absolute_url()))
    assert 'id="inchangees">600<' in page


# --- Choix de l'aperçu, ODS, fichiers piégés ------------------------------------------------------


def test_type_par_defaut_choisi_sur_l_apercu(client_de, agent):
    from . import glpi

    client = client_de(agent)
    reponse = deposer(client, "ecrans.csv", glpi.export("ecrans", 60))
    en_attente = ImportEnAttente.objects.valides().get()
    page = texte(client.get(reponse.url))
    assert "Type des lignes dont la colonne Type est vide" in page
    sans_type = int(page.split('id="rejetees">')[1].split("<")[0])
    assert sans_type > 0
    options = reverse("import_parc:options", args=[en_attente.pk])
    assert client.post(options, {"type_par_defaut": "inconnu"}).status_code == 400
    reponse = client.post(options, {"type_par_defaut": "ecran", "service_depuis_entite": "on"})
    assert reponse.status_code == 302
    page = texte(client.get(reponse.url))
    assert 'id="rejetees">0<' in page and 'id="a-creer">60<' in page
    assert "importées « Écran »" in page
    reponse = client.post(reverse("import_parc:confirmer", args=[en_attente.pk]))
    assert reponse.status_code == 302
    assert equipements(agent.collectivite).filter(type__code="ecran").count() == 60


def test_options_refusees_aux_elus_et_aux_autres(client_de, elu, referent_epci, en_attente):
    url = reverse("import_parc:options", args=[en_attente.pk])
    assert client_de(elu).post(url, {"type_par_defaut": "ecran"}).status_code == 403
    assert client_de(referent_epci).post(url, {"type_par_defaut": "ecran"}).status_code == 404
    en_attente.refresh_from_db()
    assert en_attente.type_par_defaut is None


def test_classeur_ods_importe_comme_un_xlsx(client_de, agent):
    from strategie_nr.plateforme.tests.fichiers_hostiles import ods

    client = client_de(agent)
    assert 'accept=".csv,.txt,.tsv,.xlsx,.ods"' in texte(client.get(DEPOT))
    contenu = ods(
        [
            ["Type", "Marque", "Numéro de série", "Date d'achat", "Prix"],
            ["Portable", "Dell", "SN-ODS-1", "31/12/2022", 812.5],
            ["Écran", "Iiyama", "SN-ODS-2", 2021, 0],
        ]
    )
    reponse = deposer(client, "inventaire.ods", contenu)
    assert reponse.status_code == 302
    page = texte(client.get(reponse.url))
    assert 'id="a-creer">2<' in page and "Fichier ODS" in page
    client.post(reverse("import_parc:confirmer", args=[ImportEnAttente.objects.valides().get().pk]))
    portable, ecran = equipements(agent.collectivite).order_by("numero_serie")
    assert portable.prix_achat_ht == 812.5 and portable.date_acquisition.year == 2022
    assert ecran.prix_achat_ht is None and ecran.annee_acquisition == 2021


def test_classeur_piege_refuse_au_depot(client_de, agent):
    from strategie_nr.plateforme.tests.fichiers_hostiles import xlsx_cellules

    reponse = deposer(client_de(agent), "bombe.xlsx", xlsx_cellules(2_000_100))
    assert reponse.status_code == 400
    assert "dépasse le nombre de cellules (2\u202f000\u202f000 au plus)" in texte(reponse)
    assert not ImportEnAttente.objects.exists()


def test_un_gros_import_est_confirme_par_le_processus_de_taches(
    client_de, agent, settings, executer_travaux
):
    settings.IMPORT_EN_ARRIERE_PLAN_OCTETS = 100
    client = client_de(agent)
    deposer(client, "export.csv", exemple("export_glpi.csv"))
    confirmer = reverse("import_parc:confirmer", args=[ImportEnAttente.objects.get().pk])
    reponse = client.post(confirmer)
    assert reponse.status_code == 302 and "/travaux/" in reponse.url
    assert client.post(confirmer).url == reponse.url  # double clic : un seul import
    assert not equipements(agent.collectivite).exists()
    assert "Document en préparation" in texte(client.get(reponse.url))
    executer_travaux()
    assert equipements(agent.collectivite).count() == 40
    page = texte(client.get(reponse.url))
    assert "40 équipements ont été créés" in page and "http-equiv" not in page
    # Confirmé : l'import en attente ne sert plus, sa trace reste (date, lignes importées).
    assert not ImportEnAttente.objects.valides().exists()
    assert ImportEnAttente.objects.get().lignes_importees == 40


def test_un_gros_import_en_erreur_echoue_sans_rien_importer(
    client_de, agent, settings, executer_travaux
):
    settings.IMPORT_EN_ARRIERE_PLAN_OCTETS = 100
    client = client_de(agent)
    lignes = [ligne_glpi(1), ligne_glpi(2, **{"Date d'achat": "31/02/2023"})]
    deposer(client, "erreurs.csv", csv_glpi(lignes))
    reponse = client.post(reverse("import_parc:confirmer", args=[ImportEnAttente.objects.get().pk]))
    executer_travaux()
    page = texte(client.get(reponse.url))
    assert "Rien n'a été importé" in page
    assert not equipements(agent.collectivite).exists()
    assert ImportEnAttente.objects.exists()  # le fichier reste, pour corriger ou confirmer
