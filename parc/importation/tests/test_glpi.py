"""Les exports GLPI 10 tels qu'ils sont : cinq fichiers, leurs bizarreries, le réimport."""

import pytest

from collectivites.tests.factories import UtilisateurFactory
from parc.enums import Destination, Statut
from parc.importation.services import Options, import_analyser, import_executer
from parc.models import Equipement
from parc.selectors import a_completer_compter, equipements_filtres

from . import glpi

pytestmark = pytest.mark.django_db

# Le seul choix par fichier : le type des lignes sans type (les écrans de GLPI).
TYPE_PAR_DEFAUT = {"ecrans": "ecran"}


def importer(commune, type_objet, contenu, auteur=None):
    return import_executer(
        collectivite=commune,
        auteur=auteur or UtilisateurFactory(),
        nom_fichier=f"glpi-{type_objet}.csv",
        contenu=contenu,
        seulement_valides=True,
        options=Options(type_par_defaut=TYPE_PAR_DEFAUT.get(type_objet, "")),
    )


@pytest.mark.parametrize("type_objet", list(glpi.ENTETES))
def test_chaque_export_importe_au_moins_97_pour_cent_de_ses_lignes(commune, type_objet):
    analyse = importer(commune, type_objet, glpi.export(type_objet, 300))
    assert analyse.lignes_lues == 300
    assert analyse.a_creer >= 0.97 * 300, analyse.erreurs[:5]
    assert not analyse.inconnues
    assert Equipement.objects.for_collectivite(commune).count() == analyse.a_creer


def test_sans_choix_les_ecrans_sans_type_sont_signales_pas_devines(commune):
    analyse = import_analyser(
        collectivite=commune, nom_fichier="ecrans.csv", contenu=glpi.export("ecrans", 60)
    )
    assert analyse.sans_type > 0 and analyse.rejetees == analyse.sans_type
    assert "choisissez dans l'aperçu le type des lignes sans type" in analyse.erreurs[0]


def test_valeurs_nettoyees(commune):
    importer(commune, "ordinateurs", glpi.export("ordinateurs", 300))
    parc = Equipement.objects.for_collectivite(commune)
    sites = set(parc.values_list("site", flat=True))
    assert "Salle d'archives" in sites and "Médiathèque & ludothèque" in sites
    assert not any("&" in s and ";" in s for s in sites)
    services = set(parc.values_list("service", flat=True))
    assert {"CCAS", "Direction des systèmes d'information", "Culture & patrimoine"} <= services
    assert "" in services  # l'entité de toute la ville ne dit aucun service
    assert parc.filter(modele='OptiPlex 7090 "SFF"').exists()
    # « 0,00 » : un prix inconnu, jamais 0 €.
    assert not parc.filter(prix_achat_ht=0).exists() and parc.filter(prix_achat_ht=None).exists()
    equipement = parc.get(nom="PC-URBA-012")
    assert [e.pk for e in equipements_filtres(commune, q="PC-URBA-012")] == [equipement.pk]


def test_statuts_de_glpi(commune):
    importer(commune, "imprimantes", glpi.export("imprimantes", 300))
    parc = Equipement.objects.for_collectivite(commune)
    statuts = set(parc.values_list("statut", flat=True))
    assert statuts == {Statut.EN_SERVICE, Statut.EN_STOCK, Statut.EN_REPARATION, Statut.REFORME}
    # Rebut et Hors service : réformés sans date ni destination, gardés et « à compléter ».
    reformes = parc.filter(statut=Statut.REFORME)
    assert reformes.exists()
    assert set(reformes.values_list("destination", flat=True)) == {Destination.NON_RENSEIGNEE}
    assert a_completer_compter(commune) == reformes.count()
    assert {e.pk for e in equipements_filtres(commune, a_completer=True)} == {
        e.pk for e in reformes
    }


def test_reimporter_les_cinq_fichiers_ne_cree_ni_ne_change_rien(commune):
    fichiers = glpi.exports(200)
    for type_objet, contenu in fichiers.items():
        importer(commune, type_objet, contenu)
    avant = list(Equipement.objects.for_collectivite(commune).order_by("pk").values())
    for type_objet, contenu in fichiers.items():
        analyse = importer(commune, type_objet, contenu)
        assert (analyse.a_creer, analyse.a_mettre_a_jour) == (0, 0), type_objet
        assert analyse.inchangees >= 0.97 * 200
    assert list(Equipement.objects.for_collectivite(commune).order_by("pk").values()) == avant


def test_identite_par_le_nom_quand_il_n_y_a_aucun_numero(commune):
    entetes = '"Nom";"Type";"Statut";"Lieu";\n'
    importer(commune, "telephones", ("\ufeff" + entetes + '"TEL-1";"DECT";"";"Mairie";\n').encode())
    analyse = importer(
        commune, "telephones", ("\ufeff" + entetes + '"TEL-1";"DECT";"";"CCAS";\n').encode()
    )
    assert (analyse.a_creer, analyse.a_mettre_a_jour) == (0, 1)
    assert Equipement.objects.for_collectivite(commune).get().site == "CCAS"


def test_doublons_du_fichier_signales_avec_les_numeros_du_tableur(commune):
    entetes = '"Nom";"Numéro de série";"Type";"Commentaires";\n'
    lignes = [
        '"PC-1";"SN1";"Laptop";"sur\ndeux lignes";\n',
        '"PC-2";"SN2";"Laptop";"";\n',
        '"PC-3";"SN1";"Laptop";"";\n',
    ]
    contenu = ("\ufeff" + entetes + "".join(lignes)).encode()
    analyse = import_analyser(collectivite=commune, nom_fichier="a.csv", contenu=contenu)
    assert analyse.erreurs == [
        "Ligne 4, colonne « Numéro de série » : « SN1 » figure déjà ligne 2 du fichier "
        "(ce numéro identifie un seul équipement)."
    ]
    assert [ligne.numero for ligne in analyse.lignes] == [2, 3, 4]
    assert analyse.lignes[2].action == "rejetée"


def test_l_apercu_montre_les_lignes_et_leur_colonne(commune):
    analyse = import_analyser(
        collectivite=commune,
        nom_fichier="ecrans.csv",
        contenu=glpi.export("ecrans", 120),
        options=Options(type_par_defaut="ecran"),
    )
    assert len(analyse.lignes) == 50
    premiere = analyse.lignes[0]
    assert ("Nom", "ECR-URBA-001", "Nom") in premiere.valeurs
    services = [ligne for ligne in analyse.lignes if any(v[2] == "Entité" for v in ligne.valeurs)]
    assert services and all(
        ("Service", "CCAS", "Entité") in ligne.valeurs
        for ligne in analyse.lignes
        if ligne.valeurs and "CCAS" in {v[1] for v in ligne.valeurs}
    )
    assert analyse.service_depuis_entite
    assert "Usager" in analyse.colonnes_ignorees
    assert analyse.bouton().startswith(f"Importer {analyse.a_importer} lignes")


def test_service_depuis_l_entite_peut_etre_refuse(commune):
    importer_sans = import_executer(
        collectivite=commune,
        auteur=None,
        nom_fichier="reseau.csv",
        contenu=glpi.export("reseau", 50),
        seulement_valides=True,
        options=Options(service_depuis_entite=False),
    )
    assert importer_sans.a_creer
    assert set(Equipement.objects.for_collectivite(commune).values_list("service", flat=True)) == {
        ""
    }


def test_un_rebut_sans_fin_d_usage_connue_peut_revenir_en_service(commune):
    entetes = '"Nom";"Numéro de série";"Type";"Statut";\n'
    importer(
        commune, "ordinateurs", ("\ufeff" + entetes + '"PC-1";"SN1";"Laptop";"Rebut";\n').encode()
    )
    equipement = Equipement.objects.for_collectivite(commune).get()
    assert equipement.destination == Destination.NON_RENSEIGNEE
    analyse = importer(
        commune,
        "ordinateurs",
        ("\ufeff" + entetes + '"PC-1";"SN1";"Laptop";"En service";\n').encode(),
    )
    assert (analyse.a_mettre_a_jour, analyse.rejetees) == (1, 0)
    equipement.refresh_from_db()
    assert (equipement.statut, equipement.destination) == (Statut.EN_SERVICE, "")


def test_l_import_tient_une_seule_entree_d_historique(commune):
    from collectivites.tests.factories import MembreFactory
    from strategie_nr.plateforme.models import EntreeHistorique

    membre = MembreFactory(collectivite=commune)
    importer(commune, "reseau", glpi.export("reseau", 120), auteur=membre.utilisateur)
    parc = Equipement.objects.for_collectivite(commune)
    historique = EntreeHistorique.objects.for_collectivite(commune)
    [entree] = historique.filter(objet_type="parc.equipement")
    # Les seules autres entrées : les services nouveaux ajoutés à la liste de la collectivité.
    assert set(historique.exclude(pk=entree.pk).values_list("objet_type", flat=True)) <= {
        "collectivites.service"
    }
    assert (entree.action, entree.auteur, entree.objet_type) == (
        "import",
        membre,
        "parc.equipement",
    )
    assert f"{parc.count()} équipements créés, 0 modifié." in entree.resume


def test_mise_a_jour_garde_statut_depuis_si_le_statut_ne_change_pas(commune):
    import datetime

    entetes = '"Nom";"Numéro de série";"Type";"Statut";"Lieu";\n'
    ligne = '"PC-1";"SN1";"Laptop";"{statut}";"{lieu}";\n'

    def fichier(statut, lieu):
        return ("\ufeff" + entetes + ligne.format(statut=statut, lieu=lieu)).encode()

    importer(commune, "ordinateurs", fichier("En service", "Mairie"))
    parc = Equipement.objects.for_collectivite(commune)
    parc.update(statut_depuis=datetime.date(2020, 1, 1))
    importer(commune, "ordinateurs", fichier("En service", "CCAS"))
    assert parc.get().statut_depuis == datetime.date(2020, 1, 1) and parc.get().site == "CCAS"
    importer(commune, "ordinateurs", fichier("En stock", "CCAS"))
    assert parc.get().statut_depuis != datetime.date(2020, 1, 1)
    assert parc.get().statut == Statut.EN_STOCK
