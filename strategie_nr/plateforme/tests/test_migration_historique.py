"""Reprise des quatre anciens historiques dans l'historique commun : les migrations
`historique_commun` jouées depuis le schéma d'avant, sur des lignes écrites avec les modèles
de ce moment-là."""

import datetime
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from collectivites.tests.factories import MembreFactory, UtilisateurFactory
from indicateurs.models import DefinitionIndicateur, IndicateurSuivi
from parc.tests.factories import EquipementFactory
from strategie_nr.fiches.models import Evenement as EvenementVersion
from strategie_nr.fiches.tests.factories import VersionFactory
from strategie_nr.plateforme.models import EntreeHistorique
from strategie_nr.programme.tests.factories import PartiePrenanteFactory

AVANT = [
    ("parc", "0005_reforme_sans_sortie_connue"),
    ("indicateurs", "0002_precision_des_ratios_par_agent"),
    ("fiches", "0006_fusion_import_et_integrite"),
    ("programme", "0001_initial"),
]
APRES = [
    ("parc", "0006_historique_commun"),
    ("indicateurs", "0003_historique_commun"),
    ("fiches", "0007_historique_commun"),
    ("programme", "0002_historique_commun"),
]
QUAND = timezone.make_aware(datetime.datetime(2024, 5, 6, 14, 30))


def _migrer(cibles):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(cibles)
    return executor.loader.project_state(cibles).apps


@pytest.fixture(autouse=True)
def _schema_remis_au_dernier_etat(transactional_db):
    """Après le test, toutes les migrations rejouées : la base retrouve le schéma courant (les
    tables du référentiel renommées comprises) avant d'être vidée pour le test suivant."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_les_anciens_historiques_sont_repris(commune, epci):
    agent = MembreFactory(
        collectivite=commune, utilisateur__first_name="Léa", utilisateur__last_name="Roux"
    )
    administrateur = UtilisateurFactory(
        email="admin@exemple.test", first_name="", last_name=""
    )  # membre de rien
    equipement = EquipementFactory(collectivite=commune, marque="HP", modele="ProBook", nom="PC-1")
    suivi = IndicateurSuivi.objects.create(
        collectivite=commune,
        definition=DefinitionIndicateur.objects.filter(collectivite=None).first(),
    )
    version = VersionFactory(feuille_de_route__collectivite=commune, numero=1)
    partie = PartiePrenanteFactory(collectivite=commune, nom="Ordi Solidaire")
    autre_partie = PartiePrenanteFactory(collectivite=epci, nom="Sans auteur connu")
    lignee = uuid.uuid4()

    apps = _migrer(AVANT)
    apps.get_model("parc", "EvenementEquipement").objects.create(
        equipement_id=equipement.pk,
        auteur_id=agent.utilisateur_id,
        action="modification",
        changements={"service": ["", "Culture"], "quantité": ["1", "2"]},
    )
    apps.get_model("parc", "EvenementEquipement").objects.create(
        equipement_id=equipement.pk, auteur_id=administrateur.pk, action="import", changements={}
    )
    apps.get_model("indicateurs", "EvenementIndicateur").objects.create(
        suivi_id=suivi.pk, auteur_id=agent.utilisateur_id, description="Valeur 2024 : 98 → 101."
    )
    Evenement = apps.get_model("fiches", "Evenement")
    Evenement.objects.create(
        collectivite_id=commune.pk,
        version_id=version.pk,
        lignee=lignee,
        titre_fiche="Former les agents",
        type="fiche_modifiee",
        auteur_id=agent.pk,
        details=["titre", "budget"],
    )
    Evenement.objects.create(
        collectivite_id=commune.pk,
        version_id=version.pk,
        type="version_soumise",
        auteur_id=agent.pk,
    )
    apps.get_model("programme", "PartiePrenante").objects.filter(pk=partie.pk).update(
        modifie_par_id=agent.utilisateur_id, modifie_le=QUAND
    )
    apps.get_model("parc", "EvenementEquipement").objects.update(date=QUAND)

    _migrer(APRES)
    entrees = EntreeHistorique.objects.for_collectivite(commune)

    modification, import_ = entrees.filter(objet_type="parc.equipement").order_by("pk")
    assert (modification.auteur, modification.le, modification.action) == (
        agent,
        QUAND,
        "modification",
    )
    assert modification.objet_cle == str(equipement.pk)
    assert modification.objet_libelle == "HP ProBook (PC-1)"
    assert modification.changements == [
        {"libelle": "service", "nature": "texte", "avant": None, "apres": "Culture"},
        {"libelle": "quantité", "nature": "texte", "avant": "1", "apres": "2"},
    ]
    assert (import_.auteur, import_.auteur_nom, import_.action) == (
        None,
        "admin@exemple.test",
        "import",
    )

    indicateur = entrees.get(objet_type="indicateurs.indicateursuivi")
    assert (indicateur.auteur, indicateur.resume) == (agent, "Valeur 2024 : 98 → 101.")
    assert indicateur.objet_cle == str(suivi.pk)

    fiche = entrees.get(objet_type="fiches.ficheaction")
    assert (fiche.auteur, fiche.objet_cle, fiche.objet_libelle) == (
        agent,
        str(lignee),
        "Former les agents",
    )
    assert fiche.resume == "Version v1. Champs modifiés : titre, budget."
    assert list(EvenementVersion.objects.values_list("type", flat=True)) == ["version_soumise"]

    programme = entrees.get(objet_type="programme.partieprenante")
    assert (programme.auteur, programme.le, programme.objet_cle) == (agent, QUAND, str(partie.pk))
    assert programme.auteur_nom == "Léa Roux"
    # Une ligne sans auteur connu n'invente pas d'entrée ; rien ne passe d'une collectivité à
    # l'autre.
    assert not EntreeHistorique.objects.filter(objet_cle=str(autre_partie.pk)).exists()
    assert not EntreeHistorique.objects.for_collectivite(epci).exists()
