"""Propriétés de l'import (hypothesis) : jamais d'exception non gérée, jamais d'import partiel.

Un fichier quelconque (octets aléatoires, CSV de forme aléatoire, lignes valides mêlées de
lignes fausses) est soit importé en entier, soit pas du tout ; avec « seulement les lignes
valides », exactement les lignes valides annoncées par l'aperçu sont écrites.
"""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collectivites.tests.factories import CollectiviteFactory, UtilisateurFactory
from parc.importation.services import import_analyser, import_executer
from parc.models import Equipement

from .outils import ENTETES_GLPI, csv_glpi, ligne_glpi

REGLAGES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def parc(db):
    return CollectiviteFactory(), UtilisateurFactory()


def importer(parc, nom, donnees, **options):
    collectivite, auteur = parc
    avant = set(Equipement.objects.values_list("pk", "numero_serie", "modele", "date_acquisition"))
    apercu = import_analyser(collectivite=collectivite, nom_fichier=nom, contenu=donnees)
    analyse = import_executer(
        collectivite=collectivite, auteur=auteur, nom_fichier=nom, contenu=donnees, **options
    )
    apres = set(Equipement.objects.values_list("pk", "numero_serie", "modele", "date_acquisition"))
    assert (apercu.a_creer, apercu.a_mettre_a_jour, apercu.rejetees) == (
        analyse.a_creer,
        analyse.a_mettre_a_jour,
        analyse.rejetees,
    )
    if not analyse.enregistre:
        assert apres == avant, "un import refusé a changé le parc"
    else:
        assert options.get("seulement_valides") or not analyse.rejetees
        assert len(apres) == len(avant) + analyse.a_creer
    return analyse


@REGLAGES
@given(donnees=st.binary(max_size=3_000), nom=st.sampled_from(["a.csv", "a.xlsx"]))
def test_octets_aleatoires(parc, donnees, nom):
    importer(parc, nom, donnees)
    importer(parc, nom, b"Type;Marque;Num\xe9ro de s\xe9rie\r\n" + donnees, seulement_valides=True)


CELLULES = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["Portable", "Écran", "31/12/2023", "2023", "=cmd|' /C calc'!A0", "Prêté"]),
    st.text(min_size=1_001, max_size=1_500, alphabet="ab"),
)


@REGLAGES
@given(
    lignes=st.lists(
        st.one_of(
            st.builds(ligne_glpi, st.integers(0, 30)),
            st.lists(CELLULES, min_size=len(ENTETES_GLPI), max_size=len(ENTETES_GLPI)),
            st.lists(CELLULES, max_size=3),
        ),
        max_size=12,
    ),
    seulement_valides=st.booleans(),
    encodage=st.sampled_from(["cp1252", "utf-8", "utf-8-sig"]),
)
def test_lignes_valides_et_fausses_melees(parc, lignes, seulement_valides, encodage):
    tampon = io.StringIO(newline="")
    ecrivain = csv.writer(tampon, delimiter=";")
    ecrivain.writerow(ENTETES_GLPI)
    ecrivain.writerows(lignes)
    donnees = tampon.getvalue().encode(encodage, errors="replace")
    importer(parc, "a.csv", donnees, seulement_valides=seulement_valides)


def test_une_seule_ligne_fausse_et_rien_n_est_importe(parc):
    lignes = [ligne_glpi(n) for n in range(50)] + [ligne_glpi(99, Type="Grille-pain")]
    analyse = importer(parc, "a.csv", csv_glpi(lignes))
    assert (analyse.enregistre, analyse.rejetees) == (False, 1)
    assert not Equipement.objects.exists()
