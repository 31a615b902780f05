"""Écritures du parc : référentiel des types et facteurs, équipements (et leur historique,
dans l'historique commun)."""

import json
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from strategie_nr.plateforme.enums import ActionHistorique, NatureValeur
from strategie_nr.plateforme.selectors import historique_de_l_objet
from strategie_nr.plateforme.services import differences, historique_enregistrer
from strategie_nr.plateforme.services import instantane as instantane_historique
from strategie_nr.plateforme.tableurs import cle_valeur

from .enums import AVEC_BENEFICIAIRE, Statut
from .models import (
    CategorieAgec,
    Equipement,
    FacteurEmpreinte,
    ObjectifAgec,
    ObjectifReen,
    SynonymeTypeEquipement,
    TypeEquipement,
    ValeurDon,
)

FICHIER_TYPES = Path(__file__).resolve().parent / "types_equipement.json"
FICHIER_CONFORMITE = Path(__file__).resolve().parent / "conformite.json"

# Champs suivis par l'historique, dans l'ordre du formulaire.
CHAMPS_SUIVIS = [
    "type",
    "nom",
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
    "matieres_recyclees",
    "informations_securisees",
    "date_reforme",
    "date_fin_usage",
    "destination",
    "beneficiaire",
    "engagement_reemploi",
    "preuve_engagement",
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
        for texte in type_.get("synonymes", []):
            enregistrer(
                SynonymeTypeEquipement,
                bilan,
                mettre_a_jour=mettre_a_jour,
                cle=cle_valeur(texte),
                defaults={"type": types[type_["code"]], "texte": texte},
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
    conformite_charger(
        types=types, enregistrer=enregistrer, bilan=bilan, mettre_a_jour=mettre_a_jour
    )


def conformite_charger(*, types: dict, enregistrer, bilan, mettre_a_jour: bool = False) -> None:
    """Textes en vigueur (AGEC art. 58, REEN art. 16) : catégories, objectifs, grille des dons,
    périmètre des types. Une proportion non relue reste vide et « à confirmer »."""
    with FICHIER_CONFORMITE.open(encoding="utf-8") as fichier:
        donnees = json.load(fichier)
    agec, dons, reen = donnees["agec"], donnees["dons"], donnees["reen"]
    categories = {}
    for categorie in agec["categories"]:
        categories[categorie["code"]] = enregistrer(
            CategorieAgec,
            bilan,
            mettre_a_jour=mettre_a_jour,
            code=categorie["code"],
            defaults={"libelle": categorie["libelle"], "ordre": categorie["ordre"]},
        )
        precedent = agec["precedent"]
        for annee, texte, source in [
            (precedent["annee"], precedent["texte"], precedent["source"]),
            *((annee, agec["texte"], agec["source"]) for annee in agec["annees"]),
        ]:
            enregistrer(
                ObjectifAgec,
                bilan,
                mettre_a_jour=False,  # saisis dans l'administration : jamais écrasés
                categorie=categories[categorie["code"]],
                annee=annee,
                defaults={"texte": texte, "source": source, "a_confirmer": True},
            )
    for code, (poste, valeur) in dons["postes"].items():
        enregistrer(
            ValeurDon,
            bilan,
            mettre_a_jour=False,
            type=types[code],
            defaults={
                "poste": poste,
                "valeur_ht": None if valeur is None else Decimal(valeur),
                "texte": dons["texte"],
                "source": dons["source"],
                "a_confirmer": True,
            },
        )
    for annee, taux in reen["objectifs"].items():
        enregistrer(
            ObjectifReen,
            bilan,
            mettre_a_jour=mettre_a_jour,
            annee=int(annee),
            defaults={
                "taux": Decimal(taux),
                "texte": reen["texte"],
                "source": reen["source"],
                "a_confirmer": False,
            },
        )
    # Un type déjà chargé reçoit sa catégorie et son périmètre s'il n'en a pas encore.
    for code, type_ in types.items():
        categorie = categories.get(agec["types"].get(code))
        perimetre = code in reen["perimetre"]
        if (type_.categorie_agec_id is None and categorie) or (
            perimetre and not type_.perimetre_reen
        ):
            if type_.categorie_agec_id is None:
                type_.categorie_agec = categorie
            type_.perimetre_reen = type_.perimetre_reen or perimetre
            type_.save(update_fields=["categorie_agec", "perimetre_reen"])


# Montants et poids : leur nature pour l'historique (les années le sont par leur nom).
_NATURES = {"prix_achat_ht": NatureValeur.MONTANT, "poids_kg": NatureValeur.NOMBRE}


def instantane(equipement) -> dict:
    """Les champs suivis, tels que l'historique commun les garde (`plateforme.services`)."""
    return instantane_historique(equipement, CHAMPS_SUIVIS, natures=_NATURES)


def _preparer(equipement: Equipement, statut_avant: str | None) -> None:
    if equipement.statut != statut_avant or equipement.statut_depuis is None:
        equipement.statut_depuis = timezone.localdate()
    if equipement.destination not in AVEC_BENEFICIAIRE:
        equipement.beneficiaire = ""
    if not equipement.destination:
        equipement.engagement_reemploi, equipement.preuve_engagement = False, ""
    equipement.full_clean()


@transaction.atomic
def equipement_creer(*, collectivite, auteur, **champs) -> Equipement:
    equipement = Equipement(collectivite=collectivite, **champs)
    _preparer(equipement, None)
    equipement.save()
    historique_enregistrer(
        collectivite=collectivite,
        auteur=auteur,
        action=ActionHistorique.CREATION,
        objet=equipement,
        changements=differences({}, instantane(equipement)),
    )
    return equipement


class EquipementModifieEntreTemps(Exception):
    """Quelqu'un a enregistré l'équipement depuis l'ouverture du formulaire : rien n'est écrit."""

    def __init__(self, *, actuel: Equipement, saisi: Equipement):
        self.actuel = actuel
        # [{libellé, nature, avant : valeur enregistrée, après : valeur saisie}].
        self.differences = differences(instantane(actuel), instantane(saisi))
        self.dernier = historique_de_l_objet(
            actuel.collectivite, objet_type="parc.equipement", objet_cle=actuel.pk, limite=1
        ).first()
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
    action=ActionHistorique.MODIFICATION,
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
        historique_enregistrer(
            collectivite=equipement.collectivite,
            auteur=auteur,
            action=action,
            objet=equipement,
            changements=changements,
        )
    return equipement


@transaction.atomic
def equipement_reformer(
    *,
    equipement: Equipement,
    auteur,
    date_reforme=None,
    date_fin_usage=None,
    destination="",
    beneficiaire="",
    engagement_reemploi=False,
    preuve_engagement="",
) -> Equipement:
    """La décision de réforme, puis (tout de suite ou plus tard) la sortie : date et destination.

    Un équipement réformé en attente de sortie reste au parc (« en stock » au sens du décret
    n° 2023-266) ; l'engagement de réemploi du preneur et sa preuve accompagnent la sortie.
    """
    if (
        equipement.statut == Statut.REFORME
        and equipement.date_fin_usage
        and not equipement.a_completer
    ):
        raise ValidationError("Cet équipement est déjà réformé et sorti du parc.")
    if equipement.statut == Statut.REFORME:
        date_reforme = equipement.date_reforme or date_reforme
    # Réforme et sortie le même jour : la date de sortie vaut décision.
    date_reforme = date_reforme or date_fin_usage
    if not date_reforme:
        raise ValidationError({"date_reforme": "Indiquez la date de la décision de réforme."})
    if bool(date_fin_usage) != bool(destination):
        champ = "destination" if date_fin_usage else "date_fin_usage"
        raise ValidationError({champ: "Une sortie du parc a une date et une destination."})
    if date_fin_usage and date_fin_usage < date_reforme:
        raise ValidationError(
            {"date_fin_usage": "La sortie ne peut pas précéder la décision de réforme."}
        )
    if destination in AVEC_BENEFICIAIRE and not beneficiaire.strip():
        raise ValidationError({"beneficiaire": "Indiquez le bénéficiaire, pour la traçabilité."})
    if engagement_reemploi and not preuve_engagement.strip():
        raise ValidationError(
            {"preuve_engagement": "Indiquez la référence de la preuve de l'engagement."}
        )
    avant, statut_avant = instantane(equipement), equipement.statut
    equipement.statut = Statut.REFORME
    equipement.date_reforme = date_reforme
    equipement.date_fin_usage = date_fin_usage
    equipement.destination = destination
    equipement.beneficiaire = beneficiaire.strip()
    equipement.engagement_reemploi = bool(engagement_reemploi and destination)
    equipement.preuve_engagement = preuve_engagement.strip() if destination else ""
    return equipement_modifier(
        equipement=equipement,
        auteur=auteur,
        avant=avant,
        statut_avant=statut_avant,
        action=ActionHistorique.REFORME,
    )


def resume_import(*, crees: int, modifies: int, nom_fichier: str = "") -> str:
    """« Import de « parc.csv » : 120 équipements créés, 3 modifiés. »"""
    source = f"Import de « {nom_fichier} »" if nom_fichier else "Import"
    return (
        f"{source} : {crees} équipement{'s' if crees > 1 else ''} "
        f"créé{'s' if crees > 1 else ''}, {modifies} modifié{'s' if modifies > 1 else ''}."
    )


@transaction.atomic
def equipements_enregistrer_en_masse(
    *,
    collectivite,
    auteur,
    a_creer: list[Equipement],
    a_modifier: list[tuple[Equipement, dict]],
    nom_fichier: str = "",
) -> tuple[int, int]:
    """Pour l'import : crée et met à jour en quelques requêtes.

    `a_creer` : équipements non enregistrés (déjà validés) ; `a_modifier` : couples
    (équipement modifié en mémoire, instantané d'avant). L'historique reçoit une seule entrée
    qui résume l'import (combien de créés, de modifiés), non une par équipement.
    """
    aujourdhui = timezone.localdate()
    for equipement in a_creer:
        equipement.collectivite = collectivite
        equipement.statut_depuis = equipement.statut_depuis or aujourdhui
    crees = Equipement.objects.bulk_create(a_creer, batch_size=2000)
    modifies = [e for e, _ in a_modifier]
    maintenant = timezone.now()
    for equipement in modifies:
        equipement.modifie_le = maintenant
    if modifies:
        Equipement.objects.bulk_update(
            modifies, [*CHAMPS_SUIVIS, "statut_depuis", "modifie_le"], batch_size=1000
        )
    if crees or modifies:
        historique_enregistrer(
            collectivite=collectivite,
            auteur=auteur,
            action=ActionHistorique.IMPORT,
            objet_type="parc.equipement",
            resume=resume_import(crees=len(crees), modifies=len(modifies), nom_fichier=nom_fichier),
        )
    return len(crees), len(modifies)
