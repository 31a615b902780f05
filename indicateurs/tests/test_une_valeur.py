"""Une valeur par chiffre : calculée pour les années que l'inventaire couvre, déclarée sinon."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indicateurs import calculs, selectors, services
from indicateurs.models import DefinitionIndicateur, Valeur

ANNEE = datetime.date.today().year


@pytest.fixture
def dons_calcules(monkeypatch):
    """Un calcul des dons qui mesure l'indicateur « axe-2-2 » du référentiel, couvert depuis
    trois ans."""
    valeurs = {ANNEE - 3: Decimal(40), ANNEE - 2: Decimal(50), ANNEE - 1: Decimal(58)}
    indicateur = calculs.IndicateurCalcule(
        code="test.dons_equivalents",
        libelle="Dons (calcul de test)",
        unite="nombre",
        sens="hausse",
        axe=2,
        fonction=lambda *, collectivite, annee: valeurs.get(annee),
        precision=0,
        methode="Sorties de l'année vers un don.",
        equivalents=("axe-2-2",),
        couverture=lambda *, collectivite: ANNEE - 3,
    )
    monkeypatch.setitem(calculs.REGISTRE, indicateur.code, indicateur)
    monkeypatch.setitem(calculs.PAR_EQUIVALENT, "axe-2-2", indicateur)
    return valeurs


def test_la_valeur_retenue_dit_d_ou_elle_vient(suivi, dons_calcules):
    for annee, valeur in (
        (ANNEE - 5, 20),  # avant l'inventaire
        (ANNEE - 2, 51),  # écart de 2 % : dans la tolérance
        (ANNEE - 1, 121),  # écart à résoudre
        (ANNEE, 70),  # année en cours
    ):
        Valeur.objects.create(suivi=suivi, annee=annee, valeur=valeur)
    ligne = selectors.indicateur_suivi_detail(suivi)["ligne"]
    assert ligne.calculable and not ligne.calcule
    assert ligne.methode == "Sorties de l'année vers un don."

    avant = ligne.retenue(ANNEE - 5)
    assert (avant.valeur, avant.origine) == (20, "déclaré")
    assert avant.raison == "année que l'inventaire ne couvre pas"

    proche = ligne.retenue(ANNEE - 2)
    assert (proche.valeur, proche.origine, proche.declaree) == (50, selectors.CALCULEE, 51)
    assert not proche.a_resoudre

    ecart = ligne.retenue(ANNEE - 1)
    assert (ecart.valeur, ecart.declaree, ecart.a_resoudre) == (58, 121, True)
    assert "valeur déclarée : 121" in ecart.raison

    seule = ligne.retenue(ANNEE - 3)
    assert (seule.valeur, seule.origine, seule.declaree) == (40, selectors.CALCULEE, None)

    courante = ligne.retenue(ANNEE)
    assert (courante.valeur, courante.origine) == (70, "déclaré")
    assert courante.raison == "année en cours, pas encore calculable"

    assert [r.annee for r in ligne.ecarts()] == [ANNEE - 1]
    assert ligne.mesures() == {
        ANNEE - 5: 20,
        ANNEE - 3: 40,
        ANNEE - 2: 50,
        ANNEE - 1: 58,
        ANNEE: 70,
    }
    assert ligne.derniere(jusqu_a=ANNEE - 1) == (ANNEE - 1, 58)


def test_tolerance_de_l_ecart():
    assert not calculs.ecart_a_resoudre(Decimal(104), Decimal(100))  # 4 %
    assert calculs.ecart_a_resoudre(Decimal(106), Decimal(100))  # 6 %
    # Moins d'une demi-unité de la dernière décimale affichée : pas un écart.
    assert not calculs.ecart_a_resoudre(Decimal("0.3"), Decimal("0.2"), precision=0)
    assert calculs.ecart_a_resoudre(Decimal("0.3"), Decimal("0.2"), precision=1)


def test_un_chiffre_ne_se_suit_qu_une_fois(commune, agent, suivi):
    """« Nombre de dons » du référentiel se calcule comme les dons du parc : suivre les deux
    afficherait deux lignes pour un même chiffre."""
    dons_du_parc = DefinitionIndicateur.objects.get(cle="parc.dons")
    assert calculs.calcul_de(suivi.definition).code == "parc.dons"
    with pytest.raises(ValidationError, match="déjà suivi sous le nom"):
        services.suivi_creer(
            collectivite=commune,
            definition=dons_du_parc,
            responsable=agent,
            annee_base=None,
            valeur_base=None,
            auteur=agent,
        )
    assert not commune.indicateurs_suivis.filter(definition=dons_du_parc).exists()


def test_la_page_montre_l_ecart_a_resoudre(client_de, referent, suivi, dons_calcules):
    Valeur.objects.create(suivi=suivi, annee=ANNEE - 1, valeur=121)
    page = client_de(referent).get(suivi.get_absolute_url()).content.decode()
    assert "Valeurs déclarées à vérifier" in page
    assert f"{ANNEE - 1} : déclaré 121, calculé 58" in page
    assert "Méthode" in page and "Sorties de l&#x27;année vers un don." in page
    assert f"{ANNEE} (année en cours, provisoire)" in page


def test_un_avancement_ne_juge_pas_l_annee_en_cours(client_de, referent, commune, suivi):
    from django.urls import reverse

    from indicateurs.models import Objectif

    Valeur.objects.create(suivi=suivi, annee=ANNEE - 1, valeur=10)
    Valeur.objects.create(suivi=suivi, annee=ANNEE, valeur=200)  # année pas finie
    Objectif.objects.create(
        collectivite=commune,
        axe=suivi.definition.axe,
        enonce="Donner 150 matériels.",
        suivi=suivi,
        annee_cible=ANNEE + 1,
        valeur_cible=150,
    )
    ligne = selectors.objectifs_avancement(commune, jusqu_a=ANNEE - 1)[0]
    assert (ligne.annee, ligne.valeur) == (ANNEE - 1, 10)
    assert selectors.objectifs_avancement(commune)[0].avancement_libelle == "Atteint"
    page = client_de(referent).get(reverse("indicateurs:index")).content.decode()
    assert f"({ANNEE - 1})" in page and "Atteint" not in page
