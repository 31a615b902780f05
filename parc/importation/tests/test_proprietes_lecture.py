"""Propriétés de la lecture (hypothesis) : quoi qu'on lui donne, elle répond proprement.

Octets aléatoires, formes de CSV aléatoires, lignes énormes, mauvais encodages : soit le
fichier est refusé avec un message (`FichierRefuse`), soit chaque ligne est lue, avec ses
erreurs en français. Jamais d'autre exception.
"""

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parc.importation import lecture
from parc.importation.lecture import FichierRefuse
from strategie_nr.plateforme.tableurs import Limites

from .outils import choix_hors_base

CHOIX = choix_hors_base()
REGLAGES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def lire_tout(nom: str, donnees: bytes):
    """Renvoie (message de refus, lignes) ; toute autre exception fait échouer la propriété."""
    try:
        tableau = lecture.ouvrir(nom, io.BytesIO(donnees), limites=Limites.reglages(taille=200_000))
        colonnes = lecture.reconnaitre_colonnes(tableau.entetes)
        lignes = list(lecture.lire_lignes(tableau, colonnes, CHOIX))
    except FichierRefuse as refus:
        assert refus.message and refus.message[0].isupper()
        return refus.message, []
    for ligne in lignes:
        assert isinstance(ligne.numero, int) and ligne.numero > tableau.ligne_entetes
        for erreur in ligne.erreurs:
            assert erreur.startswith(f"Ligne {ligne.numero}")
    return None, lignes


@REGLAGES
@given(
    donnees=st.binary(max_size=4_000), nom=st.sampled_from(["a.csv", "a.xlsx", "a.ods", "a.txt"])
)
def test_octets_aleatoires(donnees, nom):
    lire_tout(nom, donnees)


@REGLAGES
@given(donnees=st.binary(max_size=2_000))
def test_octets_aleatoires_apres_des_entetes_reconnus(donnees):
    lire_tout("a.csv", b"Type;Marque;Date d'achat;Quantit\xe9\r\n" + donnees)


ENTETES = st.sampled_from(
    [
        "Type",
        "Matériel",
        "Marque",
        "Modèle",
        "Numéro de série",
        "Numéro d'inventaire",
        "Quantité",
        "Date d'achat",
        "Année",
        "Prix HT",
        "Statut",
        "Usage",
        "Origine",
        "Destination",
        "Poids",
        "Lieu",
        "Inconnue",
        "",
        "Date de fin d'usage",
    ]
)
CELLULES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "Portable",
            "Écran",
            "31/12/2023",
            "2023",
            "1 234,5",
            "=cmd|' /C calc'!A0",
            "-",
            "En service",
            "réformé",
            "don",
            '"',
            '""',
            ";",
            "\n",
            "\r\n",
            "45291",
            "0",
            "-3",
        ]
    ),
    st.text(min_size=1_000, max_size=3_000, alphabet='xé;"'),
)


@REGLAGES
@given(
    entetes=st.lists(ENTETES, min_size=1, max_size=8),
    lignes=st.lists(st.lists(CELLULES, max_size=10), max_size=15),
    separateur=st.sampled_from([";", ",", "\t"]),
    encodage=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]),
    guillemets=st.booleans(),
)
def test_formes_de_csv_aleatoires(entetes, lignes, separateur, encodage, guillemets):
    import csv

    tampon = io.StringIO(newline="")
    ecrivain = csv.writer(
        tampon,
        delimiter=separateur,
        quoting=csv.QUOTE_ALL if guillemets else csv.QUOTE_MINIMAL,
    )
    ecrivain.writerow(entetes)
    ecrivain.writerows(lignes)
    donnees = tampon.getvalue().encode(encodage, errors="replace")
    refus, lues = lire_tout("a.csv", donnees)
    if refus is None:
        assert len(lues) <= len(lignes) + 1


@REGLAGES
@given(texte=st.text(max_size=200), encodage=st.sampled_from(["utf-8", "cp1252", "utf-16-le"]))
def test_mauvais_encodages(texte, encodage):
    donnees = ("Type;Marque\n" + texte).encode(encodage, errors="replace")
    lire_tout("a.csv", donnees)


@REGLAGES
@given(valeur=st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.booleans()))
def test_conversions_ne_levent_que_valeur_invalide(valeur):
    for convertir in (
        lecture.convertir_date,
        lecture.convertir_nombre,
        lecture.convertir_quantite,
        lecture.convertir_montant,
        lecture.convertir_poids,
        lecture.convertir_texte(100),
    ):
        try:
            convertir(valeur)
        except lecture.ValeurInvalide as erreur:
            assert str(erreur)
