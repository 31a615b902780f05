import io
import json

import pytest
from django.core.management import call_command

from parc.models import TypeEquipement
from strategie_nr.referentiel.enums import Difficulte, Priorite
from strategie_nr.referentiel.models import (
    ActionExemple,
    Axe,
    Dimension,
    EtapeAnct,
    Famille,
    IndicateurExemple,
    Pratique,
    Ressource,
    RetourExperience,
)
from strategie_nr.referentiel.services import FICHIER_GUIDE, referentiel_charger

pytestmark = pytest.mark.django_db

TITRES_AXES = [
    "La commande publique locale et durable, dans une démarche de réemploi, de réparation et "
    "de lutte contre l’obsolescence",
    "La gestion durable et de proximité du cycle de vie du matériel informatique",
    "L’écoconception des sites et des services numériques",
    "La mise en place d’une politique de sensibilisation au numérique responsable et à la "
    "sécurité informatique à destination des élus et agents publics",
    "La mise en place d’une démarche numérique responsable auprès de tous afin de sensibiliser "
    "les citoyens aux enjeux environnementaux du numérique et de l’inclusion numérique",
    "La mise en place d’une démarche de territoire connecté et durable en lien avec une "
    "démarche d’ouverture et de valorisation des données",
]


def test_les_six_axes_et_tout_leur_contenu():
    assert list(Axe.objects.values_list("titre", flat=True)) == TITRES_AXES
    assert ActionExemple.objects.count() == 51
    assert IndicateurExemple.objects.count() == 24
    assert Ressource.objects.count() == 30
    assert RetourExperience.objects.count() == 5
    par_axe = [
        (a.actions.count(), a.indicateurs.count(), a.ressources.count()) for a in Axe.objects.all()
    ]
    assert par_axe == [(9, 3, 3), (11, 6, 6), (7, 5, 6), (9, 3, 5), (6, 4, 6), (9, 3, 4)]


def test_les_sous_elements_et_les_liens_sont_conserves():
    connaitre = ActionExemple.objects.get(axe__numero=2, ordre=1)
    assert connaitre.texte.startswith("Avoir une meilleure connaissance")
    assert connaitre.sous_elements[0] == "connaitre son parc et les besoins,"
    assert len(connaitre.sous_elements) == 6
    donnees = ActionExemple.objects.get(axe__numero=6, ordre=4)
    assert len(donnees.sous_elements) == 3
    agec = IndicateurExemple.objects.get(axe__numero=1, ordre=1)
    assert "article 58 de la loi AGEC" in agec.texte
    assert "https://www.legifrance.gouv.fr/" in agec.texte
    dnid = Ressource.objects.get(axe__numero=2, texte__contains="Plateforme de don")
    assert dnid.url == "https://dons.encheres-domaine.gouv.fr/"


def test_les_59_pratiques_du_guide():
    with FICHIER_GUIDE.open(encoding="utf-8") as fichier:
        guide = json.load(fichier)
    source = {p["id"]: p for t in guide["thematiques"] for p in t["bonnesPratiques"]}
    assert Pratique.objects.count() == 59 == len(source)
    assert Famille.objects.count() == 9
    assert Pratique.objects.filter(priorite=Priorite.PRIORITAIRE).count() == 33
    assert Pratique.objects.filter(priorite=Priorite.RECOMMANDEE).count() == 20
    assert Pratique.objects.filter(priorite=Priorite.ALLER_PLUS_LOIN).count() == 6
    assert Pratique.objects.filter(difficulte=Difficulte.FACILE).count() == 12
    for pratique in Pratique.objects.select_related("famille"):
        attendu = source[pratique.code]
        assert pratique.titre == attendu["titre"]
        assert pratique.get_priorite_display() == attendu["priorite"]
        assert pratique.get_difficulte_display() == attendu["difficulte"]
        assert pratique.pilotes == attendu["pilotes"]
        assert pratique.indicateurs == attendu["indicateurs"]
        assert pratique.url == attendu["url"]
    assert Pratique.objects.get(code="i.8").famille.titre == "Fin d'usage"


def test_grille_de_maturite_etapes_et_types_d_equipement():
    assert list(Dimension.objects.values_list("titre", flat=True)) == [
        "Stratégie et gouvernance",
        "Mesure",
        "Achat",
        "Transformation du numérique",
        "DEEE et économie circulaire",
        "Sensibilisation",
        "Numérique pour une collectivité éco-responsable",
    ]
    etapes = list(EtapeAnct.objects.values_list("duree_min_semaines", "duree_max_semaines"))
    assert etapes == [(4, 6), (2, 3), (4, 6), (10, 15), (2, 3)]
    assert EtapeAnct.objects.get(numero=1).titre == "Sécuriser les prérequis"
    codes = set(TypeEquipement.objects.values_list("code", flat=True))
    for code in [
        "ordinateur-portable",
        "tablette",
        "smartphone",
        "imprimante",
        "copieur",
        "videoprojecteur",
        "telephone",
        "appareil-photo",
        "camescope",
        "camera-surveillance",
        "ecran",
        "serveur",
        "equipement-reseau",
    ]:
        assert code in codes
    assert TypeEquipement.objects.get(code="ordinateur-portable").duree_vie_defaut_annees == 5


def test_le_chargement_est_idempotent_et_respecte_les_corrections_de_l_admin():
    pratique = Pratique.objects.get(code="a.1")
    pratique.titre = "Titre corrigé dans l'administration"
    pratique.save()
    comptes = [m.objects.count() for m in (Axe, ActionExemple, Pratique, TypeEquipement)]

    bilan = referentiel_charger()

    assert bilan.crees == {} and bilan.mis_a_jour == {}
    assert [m.objects.count() for m in (Axe, ActionExemple, Pratique, TypeEquipement)] == comptes
    pratique.refresh_from_db()
    assert pratique.titre == "Titre corrigé dans l'administration"

    call_command("charger_referentiel", "--mettre-a-jour", stdout=io.StringIO())
    pratique.refresh_from_db()
    assert pratique.titre == "Coordonner la démarche numérique responsable"


def test_le_chargement_recree_ce_qui_manque():
    Ressource.objects.filter(axe__numero=3).delete()
    bilan = referentiel_charger()
    assert bilan.crees == {"outils et ressources": 6}
    assert Ressource.objects.count() == 30


def test_les_etapes_dans_les_mots_de_la_source(client_de, agent):
    from html import unescape

    from django.urls import reverse

    page = unescape(client_de(agent).get(reverse("referentiel:index")).content.decode())
    assert "est de <strong>6 mois</strong>" in page
    assert "Diagnostic quantitatif :<ul><li>A minima, inventaire du nombre d'équipements" in page
    assert "au regard de l'évaluation de maturité (étape précédente)" in page
    assert "après un pré-remplissage de la part du porteur du projet" in page
    assert "Les enjeux et facteurs clés de succès" in page
    assert "Qui mobiliser : Elus, DSI" in page
    assert "Description rédigée pour l'application" in page


def test_le_programme_de_travail_est_tenu_a_part_de_l_etape_1(client_de, referent):
    from html import unescape

    from django.urls import reverse

    from strategie_nr.etapes import etapes_avancement, prerequis_decret

    commune = referent.collectivite
    etape_1 = next(e for e in etapes_avancement(commune) if e["etape"].numero == 1)
    assert not any("parties prenantes" in c.libelle for c in etape_1["controles"])
    assert any("parties prenantes" in c.libelle for c in prerequis_decret(commune)["controles"])
    page = unescape(client_de(referent).get(reverse("tableau_de_bord")).content.decode())
    assert "Prérequis du décret : le programme de travail" in page
