"""Indicateurs et empreinte du parc : quelques requêtes d'agrégat, puis des fonctions pures.

Conventions, écrites une fois :
- un équipement est « présent » au 31 décembre d'une année s'il a été acquis cette année-là ou
  avant (ou à une date inconnue) et n'est pas sorti du parc à cette date ; pour les années
  passées, le statut pris en compte est le statut actuel (l'inventaire ne garde pas l'historique
  des statuts) ;
- une « acquisition » de l'année est une ligne dont l'année d'acquisition est cette année-là ;
  le réemploi interne n'est pas un achat : il n'entre pas dans la part de reconditionné ;
- les quantités comptent : une ligne de 30 claviers compte pour 30 ;
- âge et durée de vie se comptent en jours entre deux dates, divisés par 365,25 : de la date
  d'acquisition (une année seule vaut le 1er juillet de cette année) à la date de fin d'usage
  (durée de vie d'un équipement sorti) ou au 31 décembre de l'année (âge d'un présent) ; un
  smartphone acquis le 20/12/2022 et sorti le 05/01/2025 a vécu 747 jours, soit 2,05 ans ;
- l'empreinte annualise la fabrication sur la durée de vie de référence du facteur, ou sur l'âge
  ci-dessus s'il est plus long, et ajoute l'usage annuel ; un équipement en stock compte pour sa
  fabrication, pas pour son usage (il n'est pas allumé).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Min, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear

from .enums import ORIGINES_HORS_ACHAT, Destination, Origine, Statut
from .models import Equipement, FacteurEmpreinte, TypeEquipement

CENT = Decimal(100)
MILLE = Decimal(1000)
TYPES_IMPRESSION = ("imprimante", "copieur")
JOURS_PAR_AN = Decimal("365.25")

METHODES = {
    "age": "Âge au 31 décembre, en jours depuis la date d'acquisition divisés par 365,25 "
    "(une année seule vaut le 1er juillet) ; équipements sans date d'acquisition exclus.",
    "duree_vie": "Durée de vie des équipements sortis dans l'année : jours entre la date "
    "d'acquisition (une année seule vaut le 1er juillet) et la date de fin d'usage, divisés par "
    "365,25 ; moyenne pondérée par les quantités.",
    "empreinte": "Pour chaque équipement présent au 31 décembre : fabrication divisée par la "
    "durée de vie de référence du facteur (ou par l'âge, s'il est plus long), plus l'usage "
    "annuel ; un équipement en stock compte pour sa fabrication, pas pour son usage ; les types "
    "sans facteur public ne sont pas comptés.",
    "par_agent": "Rapport au nombre d'agents de la collectivité (profil), deux décimales.",
    "achats": "Achats de l'année d'acquisition (réemploi interne exclu : ce n'est pas un achat) ; "
    "part du reconditionné en montant HT ou en nombre.",
    "sorties": "Équipements dont la date de fin d'usage tombe dans l'année, par destination ; "
    "les quantités comptent.",
    "presents": "Équipements présents au 31 décembre (acquis avant, pas encore sortis), selon "
    "leur statut actuel.",
}


def date_de_reference(date_acquisition, annee_acquisition) -> datetime.date | None:
    """La date d'acquisition, ou le 1er juillet de l'année quand seule l'année est connue."""
    if date_acquisition:
        return date_acquisition
    if annee_acquisition:
        return datetime.date(annee_acquisition, 7, 1)
    return None


def _ratio(numerateur, denominateur, facteur=Decimal(1)) -> Decimal | None:
    if not denominateur:
        return None
    return Decimal(numerateur) * facteur / Decimal(denominateur)


def premiere_annee_couverte(*, collectivite) -> int | None:
    """La première année que l'inventaire couvre : celle de la première sortie qu'il enregistre
    (un inventaire tenu enregistre ses sorties), ou à défaut l'année où sa première ligne a été
    créée ; avant, les chiffres du parc seraient incomplets et une valeur déclarée fait foi.
    None si le parc est vide. Une requête, gardée sur l'instance le temps de la requête HTTP."""
    memo = collectivite.__dict__
    if "_parc_couverture" not in memo:
        bornes = Equipement.objects.for_collectivite(collectivite).aggregate(
            sortie=Min("date_fin_usage"), creation=Min("cree_le")
        )
        annees = [d.year for d in (bornes["sortie"], bornes["creation"]) if d]
        memo["_parc_couverture"] = min(annees, default=None)
    return memo["_parc_couverture"]


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
    # Même clé → somme des quantités × jour (ordinal) de la date de référence, pour l'âge exact
    jours: dict = field(default_factory=dict)
    # Même clé → {jour (ordinal) de la date de référence : quantité}, pour l'empreinte
    dates: dict = field(default_factory=dict)
    # Acquisitions par (année, origine) → (quantité, montant HT)
    acquisitions: dict = field(default_factory=dict)
    # Sorties de l'année par (type_id, destination) → (quantité, poids kg, somme des durées en
    # jours, quantité dont la date d'acquisition est connue)
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
        .values("type_id", "annee_acquisition", "date_acquisition", "statut", "mutualise")
        .annotate(annee_fin=ExtractYear("date_fin_usage"), q=Sum("quantite"))
    ):
        acquise, sortie, q = ligne["annee_acquisition"], ligne["annee_fin"], ligne["q"]
        depuis = date_de_reference(ligne["date_acquisition"], acquise)
        jour = depuis.toordinal() if depuis else None
        cle = (ligne["type_id"], acquise, ligne["statut"], ligne["mutualise"])
        for annee, resultat in resultats.items():
            if (acquise is None or acquise <= annee) and (sortie is None or sortie > annee):
                resultat.presents[cle] = resultat.presents.get(cle, 0) + q
                if jour is not None:
                    resultat.jours[cle] = resultat.jours.get(cle, 0) + q * jour
                    detail = resultat.dates.setdefault(cle, {})
                    detail[jour] = detail.get(jour, 0) + q

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
    for ligne in (
        equipements.filter(
            date_fin_usage__gte=datetime.date(premiere, 1, 1),
            date_fin_usage__lte=datetime.date(derniere, 12, 31),
        )
        .values("type_id", "destination", "annee_acquisition", "date_acquisition", "date_fin_usage")
        .annotate(q=Sum("quantite"), poids=Sum(poids))
    ):
        resultat = resultats.get(ligne["date_fin_usage"].year)
        if resultat is None:
            continue
        depuis = date_de_reference(ligne["date_acquisition"], ligne["annee_acquisition"])
        cle = (ligne["type_id"], ligne["destination"])
        q, poids_kg, jours, q_datee = resultat.sorties.get(cle, (0, Decimal(0), 0, 0))
        if depuis is not None:
            jours += max(0, (ligne["date_fin_usage"] - depuis).days) * ligne["q"]
            q_datee += ligne["q"]
        resultat.sorties[cle] = (q + ligne["q"], poids_kg + (ligne["poids"] or 0), jours, q_datee)

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


def fin_d_annee(g: Groupes) -> datetime.date:
    return datetime.date(g.annee, 12, 31)


def age_moyen(g: Groupes, type_code: str | None = None) -> Decimal | None:
    """Âge moyen au 31 décembre ; méthode : `METHODES["age"]`."""
    fin = fin_d_annee(g).toordinal()
    jours = quantite = 0
    for cle, somme in g.jours.items():
        if type_code and g.types[cle[0]].code != type_code:
            continue
        q = g.presents[cle]
        jours += q * fin - somme  # Σ q × (31/12 − date de référence), en jours
        quantite += q
    return _ratio(jours, quantite * JOURS_PAR_AN)


def duree_vie_moyenne(g: Groupes, type_code: str | None = None) -> Decimal | None:
    """Durée de vie moyenne des sorties de l'année ; méthode : `METHODES["duree_vie"]`."""
    jours = quantite = 0
    for (type_id, _dest), (_q, _poids, duree_jours, q_datee) in g.sorties.items():
        if type_code and g.types[type_id].code != type_code:
            continue
        jours += duree_jours
        quantite += q_datee
    return _ratio(jours, quantite * JOURS_PAR_AN)


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
    """Empreinte annuelle du parc présent au 31 décembre ; méthode : `METHODES["empreinte"]`.

    Fabrication / max(durée de vie de référence, âge exact) + usage annuel (0 en stock). L'âge
    est celui de `age_moyen` ; sans date d'acquisition, la durée de vie de référence sert."""
    par_type: dict = defaultdict(lambda: [0, Decimal(0)])
    manquants: dict = defaultdict(int)
    fin = fin_d_annee(g).toordinal()
    for cle, q in g.presents.items():
        type_id, _annee, statut, _m = cle
        facteur = g.facteurs.get(type_id)
        if facteur is None:
            manquants[type_id] += q
            continue
        # Σ q / max(durée de référence, âge), en jours : la durée de référence pour les
        # équipements sans date et pour ceux qui sont plus jeunes qu'elle ; le détail des dates
        # ne se parcourt que si l'un d'eux est plus vieux (en flottants : au gramme près).
        reference = Decimal(facteur.duree_vie_annees) * JOURS_PAR_AN
        detail = g.dates.get(cle, {})
        if detail and fin - min(detail) > reference:
            seuil = float(reference)
            inverse = Decimal(
                sum(n / max(seuil, fin - jour) for jour, n in detail.items())
                + (q - sum(detail.values())) / seuil
            )
        else:
            inverse = q / reference
        usage = Decimal(0) if statut == Statut.EN_STOCK else facteur.usage_kgco2e_an
        par_type[type_id][0] += q
        par_type[type_id][1] += facteur.fabrication_kgco2e * JOURS_PAR_AN * inverse + usage * q
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
