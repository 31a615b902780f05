"""Règles de l'import ligne à ligne : rapprochement des équipements connus, cohérence."""

import pytest

from collectivites.tests.factories import UtilisateurFactory
from parc.importation.services import import_analyser, import_executer
from parc.models import Equipement

from .outils import csv_glpi, ligne_glpi

pytestmark = pytest.mark.django_db


def importer(commune, donnees, **options):
    return import_executer(
        collectivite=commune,
        auteur=UtilisateurFactory(),
        nom_fichier="a.csv",
        contenu=donnees,
        **options,
    )


def test_une_cellule_vide_n_efface_rien(commune):
    importer(commune, csv_glpi([ligne_glpi(1, Lieu="Mairie")]))
    analyse = importer(commune, csv_glpi([ligne_glpi(1, Lieu="", Statut="En stock")]))
    assert (analyse.a_creer, analyse.a_mettre_a_jour) == (0, 1)
    equipement = Equipement.objects.get()
    assert (equipement.site, equipement.statut) == ("Mairie", "en_stock")


def test_rapprochement_par_numero_d_inventaire_si_pas_de_serie(commune):
    importer(commune, csv_glpi([ligne_glpi(1)]))
    analyse = importer(commune, csv_glpi([ligne_glpi(1, **{"Numéro de série": ""})]))
    assert (analyse.a_creer, analyse.a_mettre_a_jour, analyse.inchangees) == (0, 0, 1)
    assert Equipement.objects.count() == 1


def test_conflits_de_numeros(commune):
    importer(commune, csv_glpi([ligne_glpi(1), ligne_glpi(2), ligne_glpi(3)]))
    lignes = [
        # Série de l'équipement 1, inventaire de l'équipement 3.
        ligne_glpi(1, **{"Numéro d'inventaire": "INV-000003"}),
        # Deux lignes pour le même équipement (par la série, puis par l'inventaire).
        ligne_glpi(7, **{"Numéro de série": "SN000002", "Numéro d'inventaire": ""}),
        ligne_glpi(8, **{"Numéro de série": "", "Numéro d'inventaire": "INV-000002"}),
        # Même série deux fois dans le fichier.
        ligne_glpi(5),
        ligne_glpi(6, **{"Numéro de série": "SN000005"}),
    ]
    analyse = import_analyser(collectivite=commune, nom_fichier="a.csv", contenu=csv_glpi(lignes))
    assert analyse.erreurs == [
        "Ligne 2 : le numéro de série « SN000001 » et le numéro d'inventaire « INV-000003 » "
        "désignent deux équipements différents du parc.",
        "Ligne 4 : désigne le même équipement du parc que la ligne 3.",
        "Ligne 6, colonne « Numéro de série » : « SN000005 » figure déjà ligne 5 du fichier "
        "(ce numéro identifie un seul équipement).",
    ]
    assert (analyse.a_creer, analyse.a_mettre_a_jour, analyse.rejetees) == (1, 1, 3)


def test_coherence_des_lignes(commune):
    entetes = [
        "Type",
        "Numéro de série",
        "Quantité",
        "Statut",
        "Destination",
        "Date d'achat",
        "Date de fin d'usage",
    ]
    lignes = [
        ["Écran", "S1", "3", "En service", "", "2020", ""],
        ["Écran", "", "3", "En service", "Don", "2020", ""],
        ["Écran", "", "1", "Réformé", "Don", "2020", "2019"],
        ["Écran", "", "30", "Réformé", "DEEE", "2018", "15/03/2024"],
        ["", "S9", "1", "", "", "", ""],
    ]
    analyse = import_analyser(
        collectivite=commune, nom_fichier="a.csv", contenu=csv_glpi(lignes, entetes=entetes)
    )
    assert analyse.erreurs == [
        "Ligne 2, colonne « Quantité » : une ligne avec un numéro de série désigne un seul "
        "équipement (quantité 1).",
        "Ligne 3, colonne « Destination » : une fin d'usage n'est possible que pour un "
        "équipement au statut « Réformé ».",
        "Ligne 4, colonne « Date de fin d'usage » : la fin d'usage (01/01/2019) précède "
        "l'acquisition (2020).",
        "Ligne 6, colonne « Type » : le type est vide ; choisissez dans l'aperçu le type des "
        "lignes sans type.",
    ]
    assert analyse.a_creer == 1


def test_historique_un_import_une_entree_resumee(commune):
    from collectivites.tests.factories import MembreFactory
    from strategie_nr.plateforme.models import EntreeHistorique

    membre = MembreFactory(collectivite=commune)
    auteur = membre.utilisateur
    import_executer(
        collectivite=commune, auteur=auteur, nom_fichier="a.csv", contenu=csv_glpi([ligne_glpi(1)])
    )
    import_executer(
        collectivite=commune,
        auteur=auteur,
        nom_fichier="a.csv",
        contenu=csv_glpi([ligne_glpi(1, Statut="En réparation")]),
    )
    evenements = EntreeHistorique.objects.for_collectivite(commune)
    assert [(e.action, e.auteur, e.resume) for e in evenements.order_by("pk")] == [
        ("import", membre, "Import de « a.csv » : 1 équipement créé, 0 modifié."),
        ("import", membre, "Import de « a.csv » : 0 équipement créé, 1 modifié."),
    ]
    # Réimporter le même fichier n'écrit rien, pas même dans l'historique.
    import_executer(
        collectivite=commune,
        auteur=auteur,
        nom_fichier="a.csv",
        contenu=csv_glpi([ligne_glpi(1, Statut="En réparation")]),
    )
    assert evenements.count() == 2


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_aller_retour_avec_l_export_du_parc(commune, format_):
    from parc import exports

    from .outils import exemple

    importer(commune, exemple("export_glpi.csv"))
    equipement = Equipement.objects.for_collectivite(commune).first()
    equipement.statut, equipement.date_fin_usage = "reforme", equipement.date_acquisition
    equipement.destination, equipement.beneficiaire = "don", "Association Rebond"
    equipement.save()
    avant = list(Equipement.objects.order_by("pk").values())
    equipements = Equipement.objects.for_collectivite(commune)
    if format_ == "csv":
        octets = b"".join(exports.csv_morceaux(equipements))
    else:
        octets = exports.xlsx_octets(equipements)
    analyse = import_executer(
        collectivite=commune,
        auteur=UtilisateurFactory(),
        nom_fichier=f"export.{format_}",
        contenu=octets,
    )
    assert (analyse.a_creer, analyse.rejetees, analyse.colonnes_ignorees) == (0, 0, [])
    assert (analyse.a_mettre_a_jour, analyse.inchangees) == (0, 40)
    assert list(Equipement.objects.order_by("pk").values()) == avant
