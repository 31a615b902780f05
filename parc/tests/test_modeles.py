import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from parc import services
from parc.enums import Destination, Origine, Statut
from parc.models import Equipement, EvenementEquipement, FacteurEmpreinte, TypeEquipement

from .factories import EquipementFactory


def _portable():
    return TypeEquipement.objects.get(code="ordinateur-portable")


@pytest.mark.django_db
def test_referentiel_types_et_facteurs_publics():
    assert TypeEquipement.objects.count() == 15
    assert FacteurEmpreinte.objects.count() == 5
    portable = FacteurEmpreinte.objects.get(type__code="ordinateur-portable")
    assert (
        str(portable.fabrication_kgco2e),
        str(portable.usage_kgco2e_an),
        str(portable.duree_vie_annees),
    ) == ("182.60", "1.70", "5.0")
    assert not FacteurEmpreinte.objects.filter(type__code="imprimante").exists()


@pytest.mark.parametrize(
    "champs",
    [
        {"quantite": 0},
        {"statut": Statut.EN_SERVICE, "destination": Destination.DON},
        {"statut": Statut.EN_SERVICE, "date_fin_usage": datetime.date(2024, 1, 1)},
        {
            "date_acquisition": datetime.date(2024, 1, 1),
            "statut": Statut.REFORME,
            "destination": Destination.DEEE,
            "date_fin_usage": datetime.date(2023, 1, 1),
        },
        {"annee_acquisition": 1900},
        {"prix_achat_ht": -1},
    ],
)
def test_la_base_refuse_l_impossible(commune, champs):
    with pytest.raises(IntegrityError), transaction.atomic():
        Equipement.objects.create(
            collectivite=commune, type=_portable(), **{"annee_acquisition": 2023, **champs}
        )


def test_numeros_uniques_par_collectivite(commune, epci):
    EquipementFactory(collectivite=commune, numero_serie="ABC", numero_inventaire="INV-1")
    EquipementFactory(collectivite=epci, numero_serie="ABC", numero_inventaire="INV-1")
    EquipementFactory(collectivite=commune)  # numéros vides : pas de doublon
    EquipementFactory(collectivite=commune)
    with pytest.raises(IntegrityError), transaction.atomic():
        EquipementFactory(collectivite=commune, numero_serie="ABC")
    with pytest.raises(IntegrityError), transaction.atomic():
        EquipementFactory(collectivite=commune, numero_inventaire="INV-1")


def test_creer_modifier_reformer_avec_historique(commune, agent):
    equipement = services.equipement_creer(
        collectivite=commune,
        auteur=agent.utilisateur,
        type=_portable(),
        marque="HP",
        date_acquisition=datetime.date(2021, 3, 2),
        origine=Origine.RECONDITIONNE,
    )
    assert equipement.annee_acquisition == 2021 and equipement.statut_depuis
    avant, statut = services.instantane(equipement), equipement.statut
    assert avant["date_acquisition"] == "02/03/2021"  # jamais « 2021-03-02 »
    equipement.service = "Culture"
    services.equipement_modifier(
        equipement=equipement, auteur=agent.utilisateur, avant=avant, statut_avant=statut
    )
    with pytest.raises(ValidationError, match="bénéficiaire"):
        services.equipement_reformer(
            equipement=equipement,
            auteur=agent.utilisateur,
            date_fin_usage=datetime.date(2025, 6, 1),
            destination=Destination.DON,
        )
    services.equipement_reformer(
        equipement=equipement,
        auteur=agent.utilisateur,
        date_fin_usage=datetime.date(2025, 6, 1),
        destination=Destination.DON,
        beneficiaire="Collège Jean-Moulin",
    )
    equipement.refresh_from_db()
    assert (equipement.statut, equipement.beneficiaire) == (Statut.REFORME, "Collège Jean-Moulin")
    actions = list(
        EvenementEquipement.objects.filter(equipement=equipement)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["creation", "modification", "reforme"]
    modification = EvenementEquipement.objects.get(equipement=equipement, action="modification")
    assert modification.changements == {"service": ["", "Culture"]}
    avant = services.instantane(equipement)
    equipement.prix_achat_ht = Decimal("1234.50")
    services.equipement_modifier(
        equipement=equipement, auteur=None, avant=avant, statut_avant=equipement.statut
    )
    prix = EvenementEquipement.objects.filter(action="modification").order_by("-pk").first()
    assert list(prix.changements.values()) == [["", "1\u202f234,5\u00a0€"]]
    with pytest.raises(ValidationError, match="déjà réformé"):
        services.equipement_reformer(
            equipement=equipement,
            auteur=None,
            date_fin_usage=datetime.date(2025, 6, 1),
            destination=Destination.DEEE,
        )


def test_annee_et_date_coherentes(commune):
    with pytest.raises(ValidationError, match="année ne correspond pas"):
        services.equipement_creer(
            collectivite=commune,
            auteur=None,
            type=_portable(),
            annee_acquisition=2020,
            date_acquisition=datetime.date(2021, 1, 1),
        )


def test_enregistrement_en_masse(commune, agent):
    nouveaux = [
        Equipement(type=_portable(), annee_acquisition=2022, numero_serie=f"S{i}") for i in range(5)
    ]
    assert services.equipements_enregistrer_en_masse(
        collectivite=commune, auteur=agent.utilisateur, a_creer=nouveaux, a_modifier=[]
    ) == (5, 0)
    existant = Equipement.objects.get(numero_serie="S1")
    avant = services.instantane(existant)
    existant.statut = Statut.EN_STOCK
    assert services.equipements_enregistrer_en_masse(
        collectivite=commune, auteur=agent.utilisateur, a_creer=[], a_modifier=[(existant, avant)]
    ) == (0, 1)
    assert Equipement.objects.get(numero_serie="S1").statut == Statut.EN_STOCK
    assert EvenementEquipement.objects.filter(action="import").count() == 6


def test_differences_de_valeurs_egale_differences_des_instantanes(commune):
    from parc.models import TypeEquipement
    from parc.services import differences, differences_de, instantane_de

    portable = TypeEquipement.objects.get(code="ordinateur-portable")
    ecran = TypeEquipement.objects.get(code="ecran")
    avant = {"type": portable, "statut": "en_service", "mutualise": False, "prix_achat_ht": None}
    apres = {"type": ecran, "statut": "reforme", "mutualise": True, "destination": "don"}
    for a, b in [({}, avant), (avant, apres), (apres, apres)]:
        assert differences_de(a, b) == differences(instantane_de(a), instantane_de(b))


def test_valeurs_lisibles_retenues_sans_figer_le_libelle_du_type(commune):
    """Les valeurs lisibles se retiennent d'une ligne à l'autre (un import en lit des dizaines
    de milliers) ; elles restent celles du calcul, et le libellé d'un type suit l'admin."""
    import datetime
    from decimal import Decimal

    from parc.models import TypeEquipement
    from parc.services import _calculer_lisible, _valeur_lisible, differences_de

    valeurs = [
        ("prix_achat_ht", Decimal("1234.5")),
        ("prix_achat_ht", Decimal("1234.50")),
        ("poids_kg", Decimal("0.80")),
        ("quantite", 1),
        ("mutualise", True),
        ("mutualise", False),
        ("date_acquisition", datetime.date(2023, 12, 31)),
        ("statut", "reforme"),
        ("destination", "non_renseignee"),
        ("service", "CCAS"),
    ]
    for _ in range(2):  # la seconde fois, depuis les valeurs retenues
        for champ, valeur in valeurs:
            assert _valeur_lisible(champ, valeur) == _calculer_lisible(champ, valeur)
    assert _valeur_lisible("mutualise", True) == "oui"
    assert _valeur_lisible("quantite", 1) == "1"
    ecran = TypeEquipement.objects.get(code="ecran")
    assert list(differences_de({}, {"type": ecran}).values()) == [["", ecran.libelle]]
    ecran.libelle = "Moniteur"
    assert list(differences_de({}, {"type": ecran}).values()) == [["", "Moniteur"]]
