"""Deux confirmations du même import (double clic, deux onglets) : un seul import."""

import io

import pytest
from django.db import connection

from parc.importation import services
from parc.importation.models import ImportEnAttente
from parc.models import Equipement
from strategie_nr.tests.concurrence import en_meme_temps

from . import glpi


def deposer(commune, agent, lignes=300, type_objet="ordinateurs"):
    return services.import_deposer(
        collectivite=commune,
        auteur=agent.utilisateur,
        nom_fichier=f"{type_objet}.csv",
        flux=io.BytesIO(glpi.export(type_objet, lignes)),
    )


@pytest.mark.django_db
def test_seconde_confirmation_refusee_sans_rien_ecrire(commune, agent):
    en_attente = deposer(commune, agent)
    premiere = services.import_en_attente_confirmer(
        import_en_attente=en_attente, auteur=agent.utilisateur, seulement_valides=True
    )
    assert premiere.enregistre
    nombre = Equipement.objects.for_collectivite(commune).count()
    with pytest.raises(services.ImportDejaConfirme):
        services.import_en_attente_confirmer(
            import_en_attente=en_attente, auteur=agent.utilisateur, seulement_valides=True
        )
    assert Equipement.objects.for_collectivite(commune).count() == nombre
    confirme = ImportEnAttente.objects.confirmes().get(pk=en_attente.pk)
    assert confirme.lignes_importees == premiere.a_importer > 0
    assert not ImportEnAttente.objects.valides().exists()


@pytest.mark.django_db
def test_un_import_refuse_reste_en_attente(commune, agent):
    en_attente = deposer(commune, agent, type_objet="ecrans")  # écrans sans type : en erreur
    resultat = services.import_en_attente_confirmer(
        import_en_attente=en_attente, auteur=agent.utilisateur
    )
    assert not resultat.enregistre and resultat.rejetees  # des lignes en erreur : tout ou rien
    assert ImportEnAttente.objects.valides().filter(pk=en_attente.pk).exists()
    assert not Equipement.objects.for_collectivite(commune).exists()


@pytest.mark.django_db(transaction=True)
def test_deux_confirmations_simultanees_importent_une_fois(commune, agent):
    if connection.vendor != "postgresql":
        pytest.skip("Deux transactions simultanées : PostgreSQL (la CI la lance).")
    en_attente = deposer(commune, agent, lignes=1_500)
    resultats = en_meme_temps(
        lambda: services.import_en_attente_confirmer(
            import_en_attente=en_attente, auteur=agent.utilisateur, seulement_valides=True
        ),
        attendues=(services.ImportDejaConfirme,),
    )
    importes = [r for r in resultats if isinstance(r, services.Analyse)]
    refuses = [r for r in resultats if isinstance(r, services.ImportDejaConfirme)]
    assert len(importes) == 1 and len(refuses) == 1
    assert Equipement.objects.for_collectivite(commune).count() == importes[0].a_creer
