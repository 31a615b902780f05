"""Écritures du parc : référentiel des types et facteurs, équipements et leur historique."""

import json
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .enums import AVEC_BENEFICIAIRE, Action, Statut
from .models import Equipement, EvenementEquipement, FacteurEmpreinte, TypeEquipement

FICHIER_TYPES = Path(__file__).resolve().parent / "types_equipement.json"

# Champs suivis par l'historique, dans l'ordre du formulaire.
CHAMPS_SUIVIS = [
    "type",
    "marque",
    "modele",
    "numero_serie",
    "numero_inventaire",
    "quantite",
    "annee_acquisition",
    "date_acquisition",
    "prix_achat_ht",
    "origine",
    "statut",
    "service",
    "site",
    "mutualise",
    "poids_kg",
    "date_fin_usage",
    "destination",
    "beneficiaire",
]


def types_equipement_charger(*, enregistrer, bilan, mettre_a_jour: bool = False) -> None:
    """Types d'équipement et facteurs d'empreinte publics (appelé par `charger_referentiel`)."""
    with FICHIER_TYPES.open(encoding="utf-8") as fichier:
        donnees = json.load(fichier)
    types = {}
    for type_ in donnees["types"]:
        types[type_["code"]] = enregistrer(
            TypeEquipement,
            bilan,
            mettre_a_jour=mettre_a_jour,
            code=type_["code"],
            defaults={
                "libelle": type_["libelle"],
                "duree_vie_defaut_annees": Decimal(type_["duree_vie_annees"]),
                "poids_defaut_kg": Decimal(type_["poids_kg"]),
                "ordre": type_["ordre"],
            },
        )
    facteurs = donnees["facteurs"]
    for code, (fabrication, usage, duree) in facteurs["types"].items():
        enregistrer(
            FacteurEmpreinte,
            bilan,
            mettre_a_jour=mettre_a_jour,
            type=types[code],
            version=facteurs["version"],
            defaults={
                "fabrication_kgco2e": Decimal(fabrication),
                "usage_kgco2e_an": Decimal(usage),
                "duree_vie_annees": Decimal(duree),
                "source": facteurs["source"],
            },
        )


def _valeur_lisible(equipement, champ: str):
    valeur = getattr(equipement, champ)
    if champ == "type":
        return str(valeur) if valeur else ""
    if hasattr(equipement, f"get_{champ}_display") and valeur:
        return getattr(equipement, f"get_{champ}_display")()
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if valeur is None:
        return ""
    return str(valeur)


def instantane(equipement) -> dict:
    return {champ: _valeur_lisible(equipement, champ) for champ in CHAMPS_SUIVIS}


def differences(avant: dict, apres: dict) -> dict:
    """{libellé du champ : [avant, après]} pour les champs qui ont changé."""
    return {
        str(Equipement._meta.get_field(champ).verbose_name): [avant.get(champ, ""), apres[champ]]
        for champ in CHAMPS_SUIVIS
        if avant.get(champ, "") != apres[champ]
    }


def _preparer(equipement: Equipement, statut_avant: str | None) -> None:
    if equipement.statut != statut_avant or equipement.statut_depuis is None:
        equipement.statut_depuis = timezone.localdate()
    if equipement.destination not in AVEC_BENEFICIAIRE:
        equipement.beneficiaire = ""
    equipement.full_clean()


@transaction.atomic
def equipement_creer(*, collectivite, auteur, **champs) -> Equipement:
    equipement = Equipement(collectivite=collectivite, **champs)
    _preparer(equipement, None)
    equipement.save()
    EvenementEquipement.objects.create(
        equipement=equipement,
        auteur=auteur,
        action=Action.CREATION,
        changements=differences({}, instantane(equipement)),
    )
    return equipement


class EquipementModifieEntreTemps(Exception):
    """Quelqu'un a enregistré l'équipement depuis l'ouverture du formulaire : rien n'est écrit."""

    def __init__(self, *, actuel: Equipement, saisi: Equipement):
        self.actuel = actuel
        # {libellé : [valeur enregistrée, valeur saisie]} pour les champs qui diffèrent.
        self.differences = differences(instantane(actuel), instantane(saisi))
        self.dernier = actuel.evenements.select_related("auteur").first()
        super().__init__(
            "Cet équipement a été modifié par une autre personne depuis que vous avez ouvert "
            "le formulaire. Vos changements ne sont pas enregistrés : ils sont toujours dans le "
            "formulaire. Comparez-les à la version enregistrée (tableau des différences), "
            "puis enregistrez de nouveau pour les appliquer."
        )


@transaction.atomic
def equipement_modifier(
    *,
    equipement: Equipement,
    auteur,
    avant: dict,
    statut_avant: str,
    action=Action.MODIFICATION,
    lu_le=None,
) -> Equipement:
    """Enregistre un équipement déjà modifié en mémoire ; `avant` vient de `instantane`.

    Avec `lu_le` (la date de modification lue à l'ouverture du formulaire), refuse
    l'enregistrement si l'équipement a changé depuis (verrou optimiste) : la modification de
    l'autre personne n'est jamais écrasée en silence, ni attribuée à la suivante.
    """
    if lu_le is not None:
        actuel = Equipement.objects.select_for_update().select_related("type").get(pk=equipement.pk)
        if actuel.modifie_le != lu_le:
            raise EquipementModifieEntreTemps(actuel=actuel, saisi=equipement)
        avant, statut_avant = instantane(actuel), actuel.statut
    _preparer(equipement, statut_avant)
    equipement.save()
    changements = differences(avant, instantane(equipement))
    if changements:
        EvenementEquipement.objects.create(
            equipement=equipement, auteur=auteur, action=action, changements=changements
        )
    return equipement


@transaction.atomic
def equipement_reformer(
    *, equipement: Equipement, auteur, date_fin_usage, destination, beneficiaire=""
) -> Equipement:
    if equipement.statut == Statut.REFORME:
        raise ValidationError("Cet équipement est déjà réformé.")
    if destination in AVEC_BENEFICIAIRE and not beneficiaire.strip():
        raise ValidationError({"beneficiaire": "Indiquez le bénéficiaire, pour la traçabilité."})
    avant, statut_avant = instantane(equipement), equipement.statut
    equipement.statut = Statut.REFORME
    equipement.date_fin_usage = date_fin_usage
    equipement.destination = destination
    equipement.beneficiaire = beneficiaire.strip()
    return equipement_modifier(
        equipement=equipement,
        auteur=auteur,
        avant=avant,
        statut_avant=statut_avant,
        action=Action.REFORME,
    )


@transaction.atomic
def equipements_enregistrer_en_masse(
    *, collectivite, auteur, a_creer: list[Equipement], a_modifier: list[tuple[Equipement, dict]]
) -> tuple[int, int]:
    """Pour l'import : crée et met à jour en quelques requêtes, historique compris.

    `a_creer` : équipements non enregistrés (déjà validés) ; `a_modifier` : couples
    (équipement modifié en mémoire, instantané d'avant).
    """
    aujourdhui = timezone.localdate()
    for equipement in a_creer:
        equipement.collectivite = collectivite
        equipement.statut_depuis = equipement.statut_depuis or aujourdhui
    crees = Equipement.objects.bulk_create(a_creer, batch_size=2000)
    if crees and crees[0].pk is None:  # base sans RETURNING : relire les clés
        raise RuntimeError("La base doit renvoyer les clés des lignes créées.")
    modifies = [e for e, _ in a_modifier]
    maintenant = timezone.now()
    for equipement in modifies:
        equipement.modifie_le = maintenant
    if modifies:
        Equipement.objects.bulk_update(
            modifies, [*CHAMPS_SUIVIS, "statut_depuis", "modifie_le"], batch_size=1000
        )
    evenements = [
        EvenementEquipement(
            equipement=e,
            auteur=auteur,
            action=Action.IMPORT,
            changements=differences({}, instantane(e)),
        )
        for e in crees
    ]
    for equipement, avant in a_modifier:
        changements = differences(avant, instantane(equipement))
        if changements:
            evenements.append(
                EvenementEquipement(
                    equipement=equipement,
                    auteur=auteur,
                    action=Action.IMPORT,
                    changements=changements,
                )
            )
    EvenementEquipement.objects.bulk_create(evenements, batch_size=2000)
    return len(crees), len(modifies)
