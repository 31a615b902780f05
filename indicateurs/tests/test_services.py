import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indicateurs import selectors, services
from indicateurs.enums import Avancement, Mode, Unite
from indicateurs.models import DefinitionIndicateur, Objectif, Valeur
from strategie_nr.plateforme.models import EntreeHistorique
from strategie_nr.referentiel.models import Axe, IndicateurExemple, Pratique

ANNEE = datetime.date.today().year


@pytest.mark.django_db
def test_referentiel_complet():
    communes = DefinitionIndicateur.objects.filter(collectivite=None)
    assert (
        communes.filter(cle__startswith="axe-").count() == IndicateurExemple.objects.count() == 24
    )
    attendu = sum(len(p.indicateurs) for p in Pratique.objects.all())
    assert communes.filter(cle__startswith="pratique-").count() == attendu
    assert DefinitionIndicateur.objects.get(cle="axe-1-1").unite == Unite.POURCENTAGE
    assert DefinitionIndicateur.objects.get(cle="pratique-a.3-1").unite == Unite.OUI_NON


def test_unites_devinees():
    assert services.unite_devinee("Durée de vie moyen des équipements") == Unite.ANNEES
    assert services.unite_devinee("Poids DEEE collectés") == Unite.KG
    assert services.unite_devinee("Nombre d'ateliers réalisés") == Unite.NOMBRE


def test_valeurs_historique_et_doublon(suivi, referent, commune):
    services.valeur_enregistrer(suivi=suivi, auteur=referent, annee=2024, valeur=Decimal(98))
    services.valeur_enregistrer(suivi=suivi, auteur=referent, annee=2024, valeur=Decimal(101))
    assert Valeur.objects.get(suivi=suivi, annee=2024).valeur == 101
    entree = EntreeHistorique.objects.de_l_objet("indicateurs.indicateursuivi", suivi.pk).first()
    assert (entree.auteur, entree.collectivite, entree.action) == (
        referent,
        commune,
        "modification",
    )
    [valeur] = entree.changements
    assert (valeur["libelle"], valeur["avant"], valeur["apres"]) == ("valeur 2024", "98", "101")
    with pytest.raises(ValidationError, match="déjà suivi"):
        services.suivi_creer(
            collectivite=commune,
            definition=suivi.definition,
            responsable=referent,
            annee_base=None,
            valeur_base=None,
            auteur=referent,
        )


def test_cibles_creees_modifiees_supprimees(suivi, referent):
    services.cibles_enregistrer(
        suivi=suivi, auteur=referent, cibles={2026: Decimal(140), 2027: Decimal(150)}
    )
    services.cibles_enregistrer(
        suivi=suivi, auteur=referent, cibles={2026: None, 2027: Decimal(160)}
    )
    assert dict(suivi.cibles.values_list("annee", "valeur")) == {2027: Decimal(160)}
    derniere = EntreeHistorique.objects.de_l_objet("indicateurs.indicateursuivi", suivi.pk).first()
    assert [(c["libelle"], c["avant"], c["apres"]) for c in derniere.changements] == [
        ("cible 2026", "140", None),
        ("cible 2027", "150", "160"),
    ]


def test_indicateur_calcule_se_remplit_et_se_fige(suivi_calcule, parc_factice, referent):
    parc_factice.update({ANNEE - 2: Decimal(30), ANNEE - 1: Decimal(45), ANNEE: Decimal(50)})
    with pytest.raises(ValidationError, match="calcule à partir du parc"):
        services.valeur_enregistrer(
            suivi=suivi_calcule, auteur=None, annee=ANNEE - 1, valeur=Decimal(1)
        )
    ligne = selectors.indicateur_suivi_detail(suivi_calcule)["ligne"]
    # L'année en cours n'est pas close : pas de valeur calculée partielle.
    assert ligne.valeur(ANNEE - 1) == 45 and ligne.valeur(ANNEE) is None
    assert ligne.derniere() == (ANNEE - 1, Decimal(45))

    services.annee_figer(suivi=suivi_calcule, auteur=referent, annee=ANNEE - 1)
    with pytest.raises(ValidationError, match="année close"):
        services.annee_figer(suivi=suivi_calcule, auteur=referent, annee=ANNEE)
    # Une correction du parc ne réécrit pas l'année figée ; l'écart est montré.
    parc_factice[ANNEE - 1] = Decimal(47)
    ligne = selectors.indicateur_suivi_detail(suivi_calcule)["ligne"]
    assert ligne.valeur(ANNEE - 1) == 45
    assert ligne.ecart_fige(ANNEE - 1) == 2
    assert ligne.ecart_fige(ANNEE - 2) is None


def test_objectifs_avancement(suivi, commune, referent):
    services.suivi_modifier(
        suivi=suivi,
        auteur=referent,
        responsable=suivi.responsable,
        annee_base=2022,
        valeur_base=Decimal(30),
    )
    services.valeur_enregistrer(suivi=suivi, auteur=None, annee=2024, valeur=Decimal(70))
    axe = Axe.objects.get(numero=2)
    chiffre = services.objectif_enregistrer(
        objectif=Objectif(
            collectivite=commune,
            axe=axe,
            enonce="Donner 150 équipements en 2027",
            suivi=suivi,
            annee_cible=2027,
            valeur_cible=Decimal(150),
        )
    )
    phrase = services.objectif_enregistrer(
        objectif=Objectif(collectivite=commune, axe=axe, enonce="Cartographier")
    )
    resultat = {
        ligne.objectif: ligne
        for ligne in selectors.objectifs_avancement(commune, annee_courante=2025)
    }
    # De 30 en 2022 à 150 en 2027 : on attend 78 en 2024 ; 70 est en retard.
    assert resultat[chiffre].avancement == Avancement.EN_RETARD
    assert (resultat[chiffre].annee, resultat[chiffre].valeur) == (2024, Decimal(70))
    assert resultat[phrase].avancement == Avancement.NON_MESURABLE
    with pytest.raises(ValidationError):
        services.objectif_enregistrer(
            objectif=Objectif(collectivite=commune, axe=axe, enonce="x", suivi=suivi)
        )


def test_un_suivi_d_une_autre_collectivite_refuse_dans_un_objectif(suivi, epci):
    objectif = Objectif(
        collectivite=epci,
        axe=Axe.objects.get(numero=2),
        enonce="x",
        suivi=suivi,
        annee_cible=2027,
        valeur_cible=1,
    )
    with pytest.raises(ValidationError, match="pas suivi par votre collectivité"):
        services.objectif_enregistrer(objectif=objectif)


def test_definition_propre_invisible_ailleurs(commune, epci):
    propre = services.definition_creer(
        collectivite=commune,
        axe=Axe.objects.get(numero=4),
        libelle="Fresques animées",
        unite=Unite.NOMBRE,
        sens="hausse",
        precision=0,
    )
    assert propre in DefinitionIndicateur.objects.disponibles_pour(commune)
    assert propre not in DefinitionIndicateur.objects.disponibles_pour(epci)
    assert propre.mode == Mode.SAISI


def test_indicateur_propre_cree_et_suivi_ou_rien(commune, referent):
    arguments = {
        "collectivite": commune,
        "axe": Axe.objects.get(numero=4),
        "libelle": "Fresques animées",
        "unite": Unite.NOMBRE,
        "sens": "hausse",
        "precision": 0,
        "responsable": referent,
        "auteur": referent,
    }
    with pytest.raises(ValidationError):
        services.indicateur_propre_creer(**arguments, annee_base=2024, valeur_base=None)
    assert not DefinitionIndicateur.objects.for_collectivite(commune).exists()

    suivi = services.indicateur_propre_creer(**arguments, annee_base=2024, valeur_base=Decimal(3))
    assert suivi.definition.collectivite == commune
    assert suivi.definition.libelle == "Fresques animées"


def test_reference_et_responsable_dans_l_historique(suivi, referent, agent, commune):
    services.suivi_modifier(
        suivi=suivi, auteur=referent, responsable=referent, annee_base=2022, valeur_base=Decimal(35)
    )
    entree = EntreeHistorique.objects.de_l_objet("indicateurs.indicateursuivi", suivi.pk).first()
    assert entree.auteur == referent
    assert [(c["libelle"], c["avant"], c["apres"]) for c in entree.changements] == [
        ("responsable", str(agent.utilisateur), str(referent.utilisateur)),
        ("année de référence", None, "2022"),
        ("valeur de référence", None, "35"),
    ]
