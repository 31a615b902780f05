"""URL du parc pour le balayage d'isolation : un équipement en service de la commune."""

import datetime

from parc.models import Equipement


def _equipement(d):
    return {
        "pk": Equipement.objects.for_collectivite(d.commune)
        .exclude(statut="reforme")
        .order_by("pk")
        .first()
        .pk
    }


PARAMETRES = {
    "parc:equipement": _equipement,
    "parc:modifier": _equipement,
    "parc:reformer": _equipement,
    "parc:export": lambda d: {"format": "csv"},
}

SANS_OBJET_DE_COLLECTIVITE = {
    "parc:index",
    "parc:tableau_de_bord",
    "parc:creer",
    "parc:historique",
    "parc:export",
    "parc:declaration_agec",
}


def grossir(d):
    """Plus d'équipements de tous les types et statuts, et d'historique sur celui affiché."""
    from parc.enums import Destination, Origine, Statut
    from parc.models import TypeEquipement
    from parc.services import (
        equipement_creer,
        equipement_modifier,
        equipement_reformer,
        instantane,
    )

    auteur = d.referent
    statuts = [Statut.EN_SERVICE, Statut.EN_STOCK, Statut.EN_REPARATION]
    for rang, type_ in enumerate(TypeEquipement.objects.order_by("pk")):
        equipement = equipement_creer(
            collectivite=d.commune,
            auteur=auteur,
            type=type_,
            annee_acquisition=2018 + rang % 8,
            origine=list(Origine)[rang % len(Origine)],
            statut=statuts[rang % len(statuts)],
            service=f"Service ajouté {rang}",
            site=f"Site ajouté {rang}",
            prix_achat_ht=100 + rang,
        )
        if rang % 2:
            equipement_reformer(
                equipement=equipement,
                auteur=auteur,
                date_reforme=datetime.date(2024, 11, 1),
                date_fin_usage=datetime.date(2025, 6, 1),
                destination=list(Destination)[rang % len(Destination)],
                beneficiaire="Association du quartier",
                engagement_reemploi=rang % 4 == 1,
                preuve_engagement="Convention de reprise",
            )
        elif rang % 3 == 0:  # réformé, en attente de sortie
            equipement_reformer(
                equipement=equipement, auteur=auteur, date_reforme=datetime.date(2025, 3, 1)
            )
    affiche = Equipement.objects.get(**_equipement(d))
    for rang in range(5):
        avant, statut = instantane(affiche), affiche.statut
        affiche.modele = f"Modèle révisé {rang}"
        equipement_modifier(equipement=affiche, auteur=auteur, avant=avant, statut_avant=statut)
