import pytest
from django.apps import apps

from collectivites.models import Collectivite, Membre
from parc.models import Equipement
from parc.tests.factories import EquipementFactory
from strategie_nr.fiches.models import SousAction
from strategie_nr.fiches.tests.factories import FicheActionFactory
from strategie_nr.plateforme.locataire import LocataireQuerySet, ModeleLocataire, ModeleRattache

pytestmark = pytest.mark.django_db


def test_une_ligne_possedee_se_lit_dans_sa_seule_collectivite(commune, epci):
    EquipementFactory(collectivite=commune, nom="Portable de la mairie")
    EquipementFactory(collectivite=epci, nom="Portable de l'agglomération")
    assert [e.nom for e in Equipement.objects.for_collectivite(commune)] == [
        "Portable de la mairie"
    ]


def test_une_ligne_rattachee_se_lit_par_son_chemin(commune, epci):
    ici = FicheActionFactory(version__feuille_de_route__collectivite=commune)
    ailleurs = FicheActionFactory(version__feuille_de_route__collectivite=epci)
    SousAction.objects.create(fiche=ici, quoi="Inventorier les imprimantes")
    SousAction.objects.create(fiche=ailleurs, quoi="Inventorier les écrans")

    assert [s.quoi for s in SousAction.objects.for_collectivite(commune)] == [
        "Inventorier les imprimantes"
    ]


def test_la_cle_de_la_collectivite_suffit(referent, referent_epci):
    assert list(Membre.objects.for_collectivite(referent.collectivite_id)) == [referent]


@pytest.mark.parametrize("collectivite", [None, Collectivite(nom="Pas encore enregistrée")])
def test_sans_collectivite_la_lecture_est_refusee(collectivite):
    with pytest.raises(ValueError, match="sans collectivité"):
        Membre.objects.for_collectivite(collectivite)


def test_chaque_modele_d_une_collectivite_passe_par_le_socle_commun():
    """Un modèle qui a une clé vers la collectivité hérite du socle ; le chemin de chaque
    modèle rattaché mène bien à une collectivité."""
    for modele in apps.get_models():
        if issubclass(modele, ModeleRattache):
            assert isinstance(modele._default_manager.all(), LocataireQuerySet), modele
            assert modele.chemin_collectivite, modele
            modele.objects.filter(**{f"{modele.chemin_collectivite}__pk": 0})  # chemin valide
        directes = [
            champ
            for champ in modele._meta.concrete_fields
            if champ.is_relation and champ.related_model is Collectivite
        ]
        if directes:
            assert issubclass(modele, ModeleLocataire), modele
