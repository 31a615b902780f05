"""Indicateurs et empreinte du parc : quelques requêtes d'agrégat, puis des fonctions pures.

Conventions, écrites une fois :
- un équipement est « présent » au 31 décembre d'une année s'il a été acquis cette année-là ou
  avant (ou à une date inconnue) et n'est pas sorti du parc à cette date ; pour les années
  passées, le statut pris en compte est le statut actuel (l'inventaire ne garde pas l'historique
  des statuts) ;
- une « acquisition » de l'année est une ligne dont l'année d'acquisition est cette année-là ;
  le réemploi interne n'est pas un achat : il n'entre pas dans la part de reconditionné ;
- les quantités comptent : une ligne de 30 claviers compte pour 30.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear

from .enums import ORIGINES_HORS_ACHAT, Destination, Origine, Statut
from .models import Equipement, FacteurEmpreinte, TypeEquipement

CENT = Decimal(100)
MILLE = Decimal(1000)
TYPES_IMPRESSION = ("imprimante", "copieur")


def _ratio(numerateur, denominateur, facteur=Decimal(1)) -> Decimal | None:
    if not denominateur:
        return None
    return Decimal(numerateur) * facteur / Decimal(denominateur)


def presents(collectivite, annee: int):
    fin = datetime.date(annee, 12, 31)
    return Equipement.objects.for_collectivite(collectivite).filter(
        Q(annee_acquisition__lte=annee) | Q(annee_acquisition__isnull=True),
        Q(date_fin_usage__isnull=True) | Q(date_fin_usage__gt=fin),
    )


@dataclass
class Groupes:
    """Les agrégats d'une année, dont tout le reste se déduit sans requête."""

    annee: int
    agents: int
    # Présents au 31/12 : (type_id, année d'acquisition, statut, mutualisé) → quantité
    presents: dict = field(default_factory=dict)
    # Acquisitions par (année, origine) → (quantité, montant HT)
    acquisitions: dict = field(default_factory=dict)
    # Sorties de l'année par (type_id, destination) → (quantité, poids kg, somme des durées)
    sorties: dict = field(default_factory=dict)
    dormants: int = 0
    types: dict = field(default_factory=dict)  # id → TypeEquipement
    facteurs: dict = field(default_factory=dict)  # type_id → FacteurEmpreinte courant


def groupes(collectivite, annee: int, *, annees_achats: int = 1) -> Groupes:
    """Les agrégats d'une année ; voir `groupes_des_annees`."""
    return groupes_des_annees(collectivite, [annee], annees_achats=annees_achats)[annee]


def groupes_des_annees(collectivite, annees, *, annees_achats: int = 1) -> dict[int, Groupes]:
    """Les agrégats de plusieurs années en six requêtes, quel que soit le nombre d'équipements
    et d'années ; gardés sur l'instance de la collectivité le temps de la requête HTTP."""
    memo = collectivite.__dict__.setdefault("_groupes_parc", {})
    manquantes = sorted({a for a in annees if (a, annees_achats) not in memo})
    if manquantes:
        for annee, resultat in _agreger(collectivite, manquantes, annees_achats).items():
            memo[(annee, annees_achats)] = resultat
    return {annee: memo[(annee, annees_achats)] for annee in annees}


def _agreger(collectivite, annees: list[int], annees_achats: int) -> dict[int, Groupes]:
    premiere, derniere = annees[0], annees[-1]
    agents = collectivite.nombre_agents
    resultats = {annee: Groupes(annee=annee, agents=agents) for annee in annees}
    equipements = Equipement.objects.for_collectivite(collectivite)

    # Présents au 31/12 : acquis cette année-là ou avant, sortis l'année suivante ou après.
    for ligne in (
        equipements.filter(
            Q(annee_acquisition__lte=derniere) | Q(annee_acquisition__isnull=True),
            Q(date_fin_usage__isnull=True) | Q(date_fin_usage__gt=datetime.date(premiere, 12, 31)),
        )
        .values("type_id", "annee_acquisition", "statut", "mutualise")
        .annotate(annee_fin=ExtractYear("date_fin_usage"), q=Sum("quantite"))
    ):
        acquise, sortie = ligne["annee_acquisition"], ligne["annee_fin"]
        cle = (ligne["type_id"], acquise, ligne["statut"], ligne["mutualise"])
        for annee, resultat in resultats.items():
            if (acquise is None or acquise <= annee) and (sortie is None or sortie > annee):
                resultat.presents[cle] = resultat.presents.get(cle, 0) + ligne["q"]

    montant = ExpressionWrapper(
        F("prix_achat_ht") * F("quantite"),
        output_field=DecimalField(max_digits=18, decimal_places=2),
    )
    for ligne in (
        equipements.filter(
            annee_acquisition__gt=premiere - annees_achats, annee_acquisition__lte=derniere
        )
        .values("annee_acquisition", "origine")
        .annotate(q=Sum("quantite"), montant=Sum(montant))
    ):
        acquise = ligne["annee_acquisition"]
        for annee, resultat in resultats.items():
            if annee - annees_achats < acquise <= annee:
                resultat.acquisitions[(acquise, ligne["origine"])] = (
                    ligne["q"],
                    ligne["montant"] or Decimal(0),
                )

    poids = ExpressionWrapper(
        Coalesce("poids_kg", "type__poids_defaut_kg") * F("quantite"),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    duree = ExpressionWrapper(
        (ExtractYear("date_fin_usage") - F("annee_acquisition")) * F("quantite"),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    for ligne in (
        equipements.filter(
            date_fin_usage__gte=datetime.date(premiere, 1, 1),
            date_fin_usage__lte=datetime.date(derniere, 12, 31),
        )
        .values("type_id", "destination")
        .annotate(
            annee_fin=ExtractYear("date_fin_usage"),
            q=Sum("quantite"),
            poids=Sum(poids),
            duree=Sum(duree, filter=Q(annee_acquisition__isnull=False)),
            q_datee=Sum("quantite", filter=Q(annee_acquisition__isnull=False)),
        )
    ):
        resultat = resultats.get(ligne["annee_fin"])
        if resultat is not None:
            resultat.sorties[(ligne["type_id"], ligne["destination"])] = (
                ligne["q"],
                ligne["poids"] or Decimal(0),
                ligne["duree"] or Decimal(0),
                ligne["q_datee"] or 0,
            )

    # En stock depuis plus de douze mois au 31/12 : une colonne par année, une seule requête.
    limites = {
        f"a{annee}": datetime.date(annee, 12, 31) - datetime.timedelta(days=365) for annee in annees
    }
    dormants = equipements.filter(statut=Statut.EN_STOCK).aggregate(
        **{
            nom: Sum("quantite", filter=Q(statut_depuis__lte=limite))
            for nom, limite in limites.items()
        }
    )
    types = {t.pk: t for t in TypeEquipement.objects.all()}
    facteurs = {}
    for facteur in FacteurEmpreinte.objects.order_by("type_id", "-cree_le", "-pk"):
        facteurs.setdefault(facteur.type_id, facteur)
    for annee, resultat in resultats.items():
        resultat.dormants = dormants[f"a{annee}"] or 0
        resultat.types, resultat.facteurs = types, facteurs
    return resultats


# --- Fonctions pures sur les agrégats ---------------------------------------------------------


def quantite_presente(g: Groupes, *, sauf_stock=False, types=None, mutualise=None) -> int:
    total = 0
    for (type_id, _annee, statut, mutu), q in g.presents.items():
        if sauf_stock and statut == Statut.EN_STOCK:
            continue
        if types is not None and g.types[type_id].code not in types:
            continue
        if mutualise is not None and mutu != mutualise:
            continue
        total += q
    return total


def age_moyen(g: Groupes, type_code: str | None = None) -> Decimal | None:
    total = poids = 0
    for (type_id, annee_acq, _statut, _m), q in g.presents.items():
        if type_code and g.types[type_id].code != type_code:
            continue
        if annee_acq is not None:
            total += (g.annee - annee_acq) * q
            poids += q
    return _ratio(total, poids)


def duree_vie_moyenne(g: Groupes, type_code: str | None = None) -> Decimal | None:
    total = quantite = 0
    for (type_id, _dest), (_q, _poids, duree, q_datee) in g.sorties.items():
        if type_code and g.types[type_id].code != type_code:
            continue
        total += duree
        quantite += q_datee
    return _ratio(total, quantite)


def sorties_vers(g: Groupes, destination: str) -> int:
    return sum(q for (_t, dest), (q, *_r) in g.sorties.items() if dest == destination)


def poids_deee(g: Groupes) -> Decimal:
    return sum(
        (poids for (_t, dest), (_q, poids, *_r) in g.sorties.items() if dest == Destination.DEEE),
        Decimal(0),
    )


def achats(g: Groupes, annee: int) -> dict:
    """Achats de l'année (réemploi interne et dons reçus exclus : ce ne sont pas des achats) :
    quantités et montants, reconditionné à part."""
    resultat = {"quantite": 0, "montant": Decimal(0), "q_recond": 0, "m_recond": Decimal(0)}
    for (an, origine), (q, montant) in g.acquisitions.items():
        if an != annee or origine in ORIGINES_HORS_ACHAT:
            continue
        resultat["quantite"] += q
        resultat["montant"] += montant
        if origine == Origine.RECONDITIONNE:
            resultat["q_recond"] += q
            resultat["m_recond"] += montant
    resultat["part_montant"] = _ratio(resultat["m_recond"], resultat["montant"], CENT)
    resultat["part_nombre"] = _ratio(resultat["q_recond"], resultat["quantite"], CENT)
    return resultat


@dataclass
class Empreinte:
    total_kg: Decimal
    par_type: list  # (type, quantité, kgCO2e par an, facteur)
    non_disponibles: list  # (type, quantité)
    versions: list

    @property
    def total_t(self) -> Decimal:
        return self.total_kg / MILLE


def empreinte(g: Groupes) -> Empreinte:
    """Fabrication annualisée sur la durée de vie (la réelle si plus longue) + usage annuel."""
    par_type: dict = defaultdict(lambda: [0, Decimal(0)])
    manquants: dict = defaultdict(int)
    for (type_id, annee_acq, _statut, _m), q in g.presents.items():
        facteur = g.facteurs.get(type_id)
        if facteur is None:
            manquants[type_id] += q
            continue
        age = Decimal(max(1, g.annee - annee_acq + 1)) if annee_acq else Decimal(1)
        duree = max(facteur.duree_vie_annees, age)
        annuel = facteur.fabrication_kgco2e / duree + facteur.usage_kgco2e_an
        par_type[type_id][0] += q
        par_type[type_id][1] += annuel * q
    lignes = sorted(
        ((g.types[t], q, kg, g.facteurs[t]) for t, (q, kg) in par_type.items()),
        key=lambda ligne: -ligne[2],
    )
    return Empreinte(
        total_kg=sum((ligne[2] for ligne in lignes), Decimal(0)),
        par_type=lignes,
        non_disponibles=sorted(
            ((g.types[t], q) for t, q in manquants.items()), key=lambda x: -x[1]
        ),
        versions=sorted({ligne[3].version for ligne in lignes}),
    )


def simulation(g: Groupes, *, type_code: str, de: Decimal, a: Decimal) -> dict | None:
    """« Si la durée de vie moyenne passait de N à M ans » : tCO2e de fabrication évitées par an."""
    type_ = next((t for t in g.types.values() if t.code == type_code), None)
    facteur = g.facteurs.get(type_.pk) if type_ else None
    if facteur is None or de <= 0 or a <= 0:
        return None
    quantite = quantite_presente(g, types={type_code})
    evite_kg = quantite * facteur.fabrication_kgco2e * (1 / de - 1 / a)
    return {
        "type": type_,
        "quantite": quantite,
        "de": de,
        "a": a,
        "evite_t": evite_kg / MILLE,
        "facteur": facteur,
    }
