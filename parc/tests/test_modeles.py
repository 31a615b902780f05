import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from parc import services
from parc.enums import Destination, Origine, Statut
from parc.models import Equipement, FacteurEmpreinte, TypeEquipement
from strategie_nr.plateforme.models import EntreeHistorique

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


def _historique(equipement):
    return EntreeHistorique.objects.de_l_objet("parc.equipement", equipement.pk).order_by("pk")


def test_creer_modifier_reformer_avec_historique(commune, agent):
    equipement = services.equipement_creer(
        collectivite=commune,
        auteur=agent,
        type=_portable(),
        marque="HP",
        date_acquisition=datetime.date(2021, 3, 2),
        origine=Origine.RECONDITIONNE,
    )
    assert equipement.annee_acquisition == 2021 and equipement.statut_depuis
    avant, statut = services.instantane(equipement), equipement.statut
    assert avant["date_acquisition"] == ("date d'acquisition", "date", "2021-03-02")
    equipement.service = "Culture"
    services.equipement_modifier(
        equipement=equipement, auteur=agent, avant=avant, statut_avant=statut
    )
    with pytest.raises(ValidationError, match="bénéficiaire"):
        services.equipement_reformer(
            equipement=equipement,
            auteur=agent,
            date_fin_usage=datetime.date(2025, 6, 1),
            destination=Destination.DON,
        )
    services.equipement_reformer(
        equipement=equipement,
        auteur=agent,
        date_fin_usage=datetime.date(2025, 6, 1),
        destination=Destination.DON,
        beneficiaire="Collège Jean-Moulin",
    )
    equipement.refresh_from_db()
    assert (equipement.statut, equipement.beneficiaire) == (Statut.REFORME, "Collège Jean-Moulin")
    entrees = list(_historique(equipement))
    assert [e.action for e in entrees] == ["creation", "modification", "reforme"]
    assert {e.auteur for e in entrees} == {agent}
    assert {e.collectivite for e in entrees} == {commune}
    assert entrees[1].changements == [
        {"libelle": "service", "nature": "texte", "avant": None, "apres": "Culture"}
    ]
    avant = services.instantane(equipement)
    equipement.prix_achat_ht = Decimal("1234.50")
    services.equipement_modifier(
        equipement=equipement, auteur=None, avant=avant, statut_avant=equipement.statut
    )
    prix = _historique(equipement).last()
    assert prix.changements == [
        {
            "libelle": "prix d'achat unitaire HT (€)",
            "nature": "montant",
            "avant": None,
            "apres": "1234.5",
        }
    ]
    assert prix.auteur is None and prix.qui == "—"
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
        collectivite=commune, auteur=agent, a_creer=nouveaux, a_modifier=[], nom_fichier="a.csv"
    ) == (5, 0)
    existant = Equipement.objects.get(numero_serie="S1")
    avant = services.instantane(existant)
    existant.statut = Statut.EN_STOCK
    assert services.equipements_enregistrer_en_masse(
        collectivite=commune, auteur=agent, a_creer=[], a_modifier=[(existant, avant)]
    ) == (0, 1)
    assert Equipement.objects.get(numero_serie="S1").statut == Statut.EN_STOCK
    # Une entrée résumée par enregistrement en masse, pas une par équipement.
    imports = EntreeHistorique.objects.for_collectivite(commune).filter(action="import")
    assert [(e.resume, e.auteur) for e in imports.order_by("pk")] == [
        ("Import de « a.csv » : 5 équipements créés, 0 modifié.", agent),
        ("Import : 0 équipement créé, 1 modifié.", agent),
    ]
    assert not EntreeHistorique.objects.exclude(action="import").exists()
