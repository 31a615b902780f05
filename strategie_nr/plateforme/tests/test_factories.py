import pytest

from strategie_nr.plateforme.enums import ActionHistorique
from strategie_nr.plateforme.models import EntreeHistorique
from strategie_nr.plateforme.tests.factories import EntreeHistoriqueFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "traits, action",
    [
        ({}, ActionHistorique.CREATION),
        ({"avec_changements": True}, ActionHistorique.MODIFICATION),
        ({"import_resume": True}, ActionHistorique.IMPORT),
        ({"reprise": True}, ActionHistorique.CREATION),
        ({"fiche": True}, ActionHistorique.CREATION),
    ],
)
def test_entree_d_historique_valide(traits, action):
    entree = EntreeHistoriqueFactory(**traits)
    entree.full_clean()
    assert entree.action == action
    assert EntreeHistorique.objects.for_collectivite(entree.collectivite).get() == entree


def test_entree_ecrite_par_un_membre_de_la_collectivite():
    entree = EntreeHistoriqueFactory()
    assert entree.auteur.collectivite == entree.collectivite
    assert entree.qui == str(entree.auteur.utilisateur) == entree.auteur_nom


def test_changements_avant_apres_dans_l_ordre_du_formulaire():
    entree = EntreeHistoriqueFactory(avec_changements=True)
    entree.refresh_from_db()
    assert [(c["libelle"], c["avant"], c["apres"]) for c in entree.changements] == [
        ("Quantité", "3", "5"),
        ("Modèle", None, "Latitude 5440"),
    ]


def test_import_resume_pour_la_collectivite_entiere():
    entree = EntreeHistoriqueFactory(import_resume=True)
    assert entree.objet_cle == "" and entree.resume
    assert str(entree) == "Import — parc.equipement"


def test_reprise_sans_membre_garde_le_nom():
    entree = EntreeHistoriqueFactory(reprise=True)
    assert entree.auteur is None
    assert entree.qui == "Ancien agent (reprise)"
