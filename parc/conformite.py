"""Les deux contrôles légaux du parc, écrits une fois : méthode dans les docstrings, fonctions
pures sur des lignes simples, puis quelques requêtes qui fabriquent ces lignes.

1. AGEC, art. 58 (loi n° 2020-105 du 10 février 2020), sous le décret n° 2024-134 du
   21 février 2024 (en vigueur le 1er juillet 2024, il abroge le décret n° 2021-254 du 9 mars
   2021) : part de la dépense annuelle HT d'une catégorie de produits consacrée à des biens issus
   du réemploi ou de la réutilisation, et, à part, à des biens intégrant des matières recyclées.
   Les dons reçus comptent à leur valeur forfaitaire (arrêté du 29 février 2024). La déclaration
   annuelle suit l'arrêté du 13 janvier 2025 (art. 2 : les données ; art. 3 : dans les six mois
   qui suivent le 31 décembre).
2. REEN, art. 16 (loi n° 2021-1485 du 15 novembre 2021), sous le décret n° 2023-266 du
   12 avril 2023 : taux de réemploi et de réutilisation des matériels informatiques réformés,
   A / B × 100 (art. 3).

Les proportions et valeurs sont des données de référence versionnées (administration) : une
valeur absente n'est jamais devinée, la page dit qu'elle est à saisir et nomme le texte.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Q, Sum

from .enums import CANAUX_REEMPLOI_REEN, Origine, Statut
from .models import (
    Equipement,
    ObjectifAgec,
    ObjectifReen,
    TypeEquipement,
    ValeurDon,
)

CENT = Decimal(100)
AGE_MAX_REEN_ANNEES = 10
CATEGORIE_SERIE = "informatique-telephonie"  # la catégorie montrée année par année
OBJECTIFS_EN_MOTS = {Decimal(25): "un quart", Decimal(50): "la moitié"}
# Les méthodes, telles qu'elles sont montrées à côté des chiffres (pages et documents).
METHODE_REEN = (
    "A / B × 100 : A = réformés orientés vers le réemploi ou la réutilisation dans l'année, "
    "avec l'engagement du preneur ; B = réformés en stock au 1er janvier. Hors calcul : plus "
    "de dix ans à la réforme, informations classifiées ou sécurisées, types hors périmètre."
)
METHODE_AGEC = (
    "Achats reconditionnés et dons reçus (valeur forfaitaire de l'arrêté du 29 février "
    "2024) sur la dépense HT de l'année de la catégorie ; le réemploi interne n'est pas un achat."
)
METHODE_AGEC_RECYCLEE = (
    "Achats marqués « intègre des matières recyclées » sur la dépense HT de l'année de la "
    "catégorie."
)


def objectif_en_mots(taux: Decimal | None) -> str:
    """« la moitié (50 %) », « 35 % » : l'objectif dit en mots quand il a un nom courant."""
    if taux is None:
        return "non renseigné"
    chiffre = f"{taux.normalize():f}".replace(".", ",") + " %"
    mots = OBJECTIFS_EN_MOTS.get(taux.normalize())
    return f"{mots} ({chiffre})" if mots else chiffre


def _part(numerateur: Decimal, base: Decimal) -> Decimal | None:
    return None if not base else numerateur * CENT / base


def echeance_declaration_agec(annee: int) -> datetime.date:
    """Arrêté du 13 janvier 2025, art. 3 : la déclaration des dépenses de l'année N est faite en
    une fois dans les six mois qui suivent le 31 décembre de N, soit au plus tard le 30 juin N+1."""
    return datetime.date(annee + 1, 6, 30)


# --- AGEC, art. 58 ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Achat:
    """Un groupe d'acquisitions d'une année : même catégorie, origine et contenu recyclé."""

    categorie_id: int | None
    annee: int
    origine: str
    quantite: int
    montant: Decimal  # prix HT × quantité ; 0 si le prix n'est pas saisi
    quantite_sans_prix: int = 0
    recyclee: bool = False
    valeur_don_unitaire: Decimal | None = None  # grille de l'arrêté du 29 février 2024


@dataclass
class PartAgec:
    categorie: object
    annee: int
    montant_total: Decimal = Decimal(0)
    montant_reemploi: Decimal = Decimal(0)  # achats réemploi/réutilisation + dons valorisés
    montant_dons: Decimal = Decimal(0)
    montant_recycle: Decimal = Decimal(0)
    dons_sans_valeur: int = 0  # dons reçus dont la grille n'a pas de valeur saisie
    achats_sans_prix: int = 0
    objectif: ObjectifAgec | None = None

    @property
    def part_reemploi(self) -> Decimal | None:
        return _part(self.montant_reemploi, self.montant_total)

    @property
    def part_recyclee(self) -> Decimal | None:
        return _part(self.montant_recycle, self.montant_total)

    @staticmethod
    def _atteint(part, minimum) -> bool | None:
        if part is None or minimum is None:
            return None
        return part >= minimum

    @property
    def reemploi_atteint(self) -> bool | None:
        """None quand on ne peut pas conclure : pas de dépense, ou proportion non saisie."""
        return self._atteint(self.part_reemploi, self.objectif and self.objectif.part_reemploi)

    @property
    def recyclee_atteinte(self) -> bool | None:
        return self._atteint(self.part_recyclee, self.objectif and self.objectif.part_recyclee)


def objectif_en_vigueur(objectifs: Iterable, annee: int):
    """La ligne de référence la plus récente dont l'année de départ est atteinte (trajectoire :
    2024, 2027, 2030 pour l'AGEC ; 2023, 2024, 2025 pour REEN), None avant la première."""
    retenu = None
    for objectif in objectifs:
        if objectif.annee <= annee and (retenu is None or objectif.annee > retenu.annee):
            retenu = objectif
    return retenu


def parts_agec(
    achats: Iterable[Achat], *, annee: int, categories: Iterable, objectifs: Iterable = ()
) -> list[PartAgec]:
    """Part de la dépense HT de l'année, par catégorie, issue du réemploi ou de la réutilisation.

    Méthode (AGEC art. 58, décret n° 2024-134) :
    - base : la dépense HT de l'année pour la catégorie (prix unitaire × quantité des
      équipements acquis l'année N), plus la valeur forfaitaire des dons reçus ;
    - numérateur réemploi : les achats reconditionnés (réemploi ou réutilisation) et les dons
      reçus à leur valeur forfaitaire (grille de l'arrêté du 29 février 2024) ;
    - le réemploi interne (redéploiement d'un matériel de la collectivité) n'est pas un achat :
      ni au numérateur ni à la base ;
    - la part « matières recyclées » est à part : achats marqués comme intégrant des matières
      recyclées, sur la même base ;
    - un don sans valeur dans la grille compte pour 0 € et est signalé, comme un achat sans prix.
    """
    objectifs = list(objectifs)
    resultats = {
        c.pk: PartAgec(
            categorie=c,
            annee=annee,
            objectif=objectif_en_vigueur([o for o in objectifs if o.categorie_id == c.pk], annee),
        )
        for c in categories
    }
    for achat in achats:
        part = resultats.get(achat.categorie_id)
        if part is None or achat.annee != annee or achat.origine == Origine.REEMPLOI_INTERNE:
            continue
        if achat.origine == Origine.DON_RECU:
            if achat.valeur_don_unitaire is None:
                part.dons_sans_valeur += achat.quantite
                continue
            valeur = achat.valeur_don_unitaire * achat.quantite
            part.montant_dons += valeur
            part.montant_reemploi += valeur
            part.montant_total += valeur
            continue
        part.montant_total += achat.montant
        part.achats_sans_prix += achat.quantite_sans_prix
        if achat.origine == Origine.RECONDITIONNE:
            part.montant_reemploi += achat.montant
        if achat.recyclee:
            part.montant_recycle += achat.montant
    return list(resultats.values())


# --- REEN, art. 16 ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reforme:
    """Un équipement (ou un lot) réformé, tel que le calcul REEN le voit."""

    quantite: int
    date_reforme: datetime.date
    date_sortie: datetime.date | None = None
    destination: str = ""
    engagement: bool = False
    date_acquisition: datetime.date | None = None
    annee_acquisition: int | None = None
    dans_perimetre: bool = True
    securisee: bool = False


def plus_de_dix_ans(reforme: Reforme) -> bool:
    """Plus de dix ans à la date de la réforme (décret n° 2023-266, art. 1, 1°).

    Date d'acquisition connue : exclu si la réforme tombe après le dixième anniversaire (un
    équipement réformé le jour de ses dix ans n'a pas « plus de dix ans » : il compte).
    Année seule : exclu quand c'est certain, c'est-à-dire si la réforme a lieu onze années
    civiles ou plus après l'année d'acquisition. Âge inconnu : on ne l'exclut pas.
    """
    acquise, le = reforme.date_acquisition, reforme.date_reforme
    if acquise is not None:
        try:
            anniversaire = acquise.replace(year=acquise.year + AGE_MAX_REEN_ANNEES)
        except ValueError:  # 29 février
            anniversaire = datetime.date(acquise.year + AGE_MAX_REEN_ANNEES, 3, 1)
        return le > anniversaire
    if reforme.annee_acquisition is not None:
        return le.year - reforme.annee_acquisition > AGE_MAX_REEN_ANNEES
    return False


def motif_exclusion(reforme: Reforme) -> str | None:
    """Pourquoi une réforme n'entre pas dans le calcul, ou None si elle y entre."""
    if not reforme.dans_perimetre:
        return "hors_perimetre"
    if reforme.securisee:
        return "informations_securisees"
    if plus_de_dix_ans(reforme):
        return "plus_de_dix_ans"
    return None


def oriente_vers_reemploi(reforme: Reforme) -> bool:
    """Cession à une personne publique, vente, don (aux agents, à une association…), reprise par
    un éco-organisme agréé ou par le fournisseur d'origine — et seulement si le preneur s'est
    engagé à réemployer ou réutiliser (décret n° 2023-266, art. 2). Le réemploi interne, les
    DEEE et les autres filières ne comptent pas."""
    return reforme.destination in CANAUX_REEMPLOI_REEN and reforme.engagement


@dataclass
class TauxReen:
    annee: int
    a: int = 0  # orientés vers le réemploi ou la réutilisation pendant l'année
    b: int = 0  # réformés en stock au 1er janvier
    exclus: dict = field(default_factory=dict)  # motif → quantité
    sans_engagement: int = 0  # sorties par un canal de réemploi sans engagement du preneur
    objectif: ObjectifReen | None = None

    @property
    def taux(self) -> Decimal | None:
        return _part(Decimal(self.a), Decimal(self.b))

    @property
    def atteint(self) -> bool | None:
        if self.taux is None or self.objectif is None:
            return None
        return self.taux >= self.objectif.taux


def taux_reen(reformes: Iterable[Reforme], *, annee: int, objectifs: Iterable = ()) -> TauxReen:
    """Taux de réemploi des matériels informatiques réformés de l'année N (décret n° 2023-266,
    art. 3) : A / B × 100, où

    - A = matériels réformés orientés vers le réemploi ou la réutilisation au cours de N (sortis
      du parc en N par un canal qui compte, avec l'engagement du preneur) ;
    - B = matériels réformés « en stock » au 1er janvier N : décision de réforme avant le
      1er janvier, pas encore sortis à cette date ;
    - hors calcul : les types hors périmètre (ni écran de plus de 100 cm², ni petit équipement
      informatique ou de télécommunications), les équipements de plus de dix ans à la date de
      réforme, ceux qui portent des informations classifiées ou soumises à une obligation de
      sécurité propre aux personnes publiques.

    Comme dans le texte, A n'est pas limité aux matériels comptés dans B : un équipement réformé
    et donné dans l'année compte en A ; le taux peut donc dépasser 100 %.
    Pas de stock au 1er janvier : pas de taux (None), jamais un 0 % inventé.
    """
    debut, fin = datetime.date(annee, 1, 1), datetime.date(annee, 12, 31)
    resultat = TauxReen(annee=annee, objectif=objectif_en_vigueur(objectifs, annee))
    for reforme in reformes:
        en_stock = reforme.date_reforme < debut and (
            reforme.date_sortie is None or reforme.date_sortie >= debut
        )
        sortie_annee = reforme.date_sortie is not None and debut <= reforme.date_sortie <= fin
        if not (en_stock or sortie_annee):
            continue
        motif = motif_exclusion(reforme)
        if motif:
            resultat.exclus[motif] = resultat.exclus.get(motif, 0) + reforme.quantite
            continue
        if en_stock:
            resultat.b += reforme.quantite
        if sortie_annee:
            if oriente_vers_reemploi(reforme):
                resultat.a += reforme.quantite
            elif reforme.destination in CANAUX_REEMPLOI_REEN:
                resultat.sans_engagement += reforme.quantite
    return resultat


# --- Requêtes ----------------------------------------------------------------------------------


def _memo(collectivite) -> dict:
    return collectivite.__dict__.setdefault("_conformite", {})


def _types(collectivite) -> dict:
    """Les types d'équipement, leur catégorie AGEC, leur périmètre REEN et leur valeur de don :
    une requête, gardée le temps de la requête HTTP (les agrégats n'ont pas à joindre)."""
    memo = _memo(collectivite)
    if "types" not in memo:
        memo["types"] = {
            t.pk: t for t in TypeEquipement.objects.select_related("valeur_don", "categorie_agec")
        }
    return memo["types"]


def _valeur_don(type_) -> Decimal | None:
    try:
        return type_.valeur_don.valeur_ht
    except ValeurDon.DoesNotExist:
        return None


def achats_des_annees(collectivite, annees) -> list[Achat]:
    """Les acquisitions des années demandées, regroupées par type, année, origine et contenu
    recyclé : une requête d'agrégat, sans jointure."""
    types = {pk: t for pk, t in _types(collectivite).items() if t.categorie_agec_id}
    montant = ExpressionWrapper(
        F("prix_achat_ht") * F("quantite"),  # un prix vide ne compte pas dans la somme
        output_field=DecimalField(max_digits=18, decimal_places=2),
    )
    lignes = (
        Equipement.objects.for_collectivite(collectivite)
        .filter(annee_acquisition__in=sorted(set(annees)), type_id__in=list(types))
        .values("type_id", "annee_acquisition", "origine", "matieres_recyclees")
        .annotate(
            q=Sum("quantite"),
            m=Sum(montant),
            sans_prix=Sum("quantite", filter=Q(prix_achat_ht__isnull=True)),
        )
        .order_by()
    )
    achats = []
    for ligne in lignes:
        type_, origine = types[ligne["type_id"]], ligne["origine"]
        hors_achat = origine in (Origine.DON_RECU, Origine.REEMPLOI_INTERNE)
        achats.append(
            Achat(
                categorie_id=type_.categorie_agec_id,
                annee=ligne["annee_acquisition"],
                origine=origine,
                quantite=ligne["q"],
                montant=ligne["m"] or Decimal(0),
                quantite_sans_prix=0 if hors_achat else ligne["sans_prix"] or 0,
                recyclee=ligne["matieres_recyclees"],
                valeur_don_unitaire=_valeur_don(type_),
            )
        )
    return achats


def _objectifs(collectivite, modele) -> list:
    memo = _memo(collectivite).setdefault("objectifs", {})
    if modele not in memo:
        memo[modele] = list(modele.objects.all())
    return memo[modele]


def agec_des_annees(collectivite, annees, *, toutes=False) -> dict[int, list[PartAgec]]:
    """Les parts AGEC par catégorie pour ces années, en trois requêtes en tout ; gardées sur
    l'instance de la collectivité le temps de la requête HTTP. `toutes` recalcule aussi les
    années déjà gardées : une requête d'agrégat de plus, toujours la même, quelles que soient
    les années déjà vues (le nombre de requêtes d'une page ne dépend pas des données)."""
    memo = _memo(collectivite).setdefault("agec", {})
    manquantes = sorted({a for a in annees if toutes or a not in memo})
    if manquantes:
        # Les catégories auxquelles un type appartient : une catégorie sans type n'a pas d'achat.
        categories = sorted(
            {t.categorie_agec for t in _types(collectivite).values() if t.categorie_agec_id},
            key=lambda c: (c.ordre, c.libelle),
        )
        objectifs = _objectifs(collectivite, ObjectifAgec)
        achats = achats_des_annees(collectivite, manquantes)
        for annee in manquantes:
            memo[annee] = parts_agec(
                achats, annee=annee, categories=categories, objectifs=objectifs
            )
    return {annee: memo[annee] for annee in annees}


def agec(collectivite, annee: int) -> list[PartAgec]:
    return agec_des_annees(collectivite, [annee])[annee]


def reformes_de(collectivite, *, depuis: int, jusqu_a: int) -> list[Reforme]:
    """Les réformes utiles aux années `depuis` à `jusqu_a` : réformées avant la fin de la
    dernière, pas sorties avant le début de la première ; une requête sans jointure. Une réforme
    ancienne sans date de décision (import, saisie d'avant) prend sa date de sortie."""
    debut, fin = datetime.date(depuis, 1, 1), datetime.date(jusqu_a, 12, 31)
    types = _types(collectivite)
    lignes = (
        Equipement.objects.for_collectivite(collectivite)
        .filter(
            Q(date_fin_usage__isnull=True) | Q(date_fin_usage__gte=debut),
            Q(date_reforme__lte=fin) | Q(date_reforme__isnull=True, date_fin_usage__lte=fin),
            statut=Statut.REFORME,
        )
        .order_by()  # ni tri ni jointure sur le type (ordre par défaut du modèle)
        .values_list(
            "quantite",
            "date_reforme",
            "date_fin_usage",
            "destination",
            "engagement_reemploi",
            "date_acquisition",
            "annee_acquisition",
            "type_id",
            "informations_securisees",
        )
    )
    return [
        Reforme(
            quantite=q,
            date_reforme=reforme or sortie,
            date_sortie=sortie,
            destination=destination,
            engagement=engagement,
            date_acquisition=acquise,
            annee_acquisition=annee,
            dans_perimetre=types[type_id].perimetre_reen,
            securisee=securisee,
        )
        for (
            q,
            reforme,
            sortie,
            destination,
            engagement,
            acquise,
            annee,
            type_id,
            securisee,
        ) in lignes
        if reforme or sortie
    ]


def reen_des_annees(collectivite, annees, *, toutes=False) -> dict[int, TauxReen]:
    """Le taux REEN de ces années, en trois requêtes en tout (types compris) ; `toutes` comme
    pour `agec_des_annees`."""
    memo = _memo(collectivite).setdefault("reen", {})
    manquantes = sorted({a for a in annees if toutes or a not in memo})
    if manquantes:
        objectifs = _objectifs(collectivite, ObjectifReen)
        reformes = reformes_de(collectivite, depuis=manquantes[0], jusqu_a=manquantes[-1])
        for annee in manquantes:
            memo[annee] = taux_reen(reformes, annee=annee, objectifs=objectifs)
    return {annee: memo[annee] for annee in annees}


def reen(collectivite, annee: int) -> TauxReen:
    return reen_des_annees(collectivite, [annee])[annee]


def vers_deee(collectivite) -> list:
    """Réformés en attente de sortie qui avaient plus de dix ans à leur réforme : hors du taux
    REEN, ils vont au recyclage (DEEE). Même règle que `plus_de_dix_ans`, une requête."""
    equipements = (
        Equipement.objects.for_collectivite(collectivite)
        .filter(statut=Statut.REFORME, date_fin_usage__isnull=True, date_reforme__isnull=False)
        .select_related("type")
        .order_by("date_reforme", "pk")
    )
    return [
        e
        for e in equipements
        if plus_de_dix_ans(
            Reforme(
                quantite=e.quantite,
                date_reforme=e.date_reforme,
                date_acquisition=e.date_acquisition,
                annee_acquisition=e.annee_acquisition,
            )
        )
    ]


def textes_en_vigueur() -> dict:
    """Les objectifs du référentiel, pour les dire tels quels dans le cadre légal : trois
    requêtes."""
    return {
        "reen": list(ObjectifReen.objects.order_by("annee")),
        "agec": list(
            ObjectifAgec.objects.select_related("categorie").order_by("categorie__ordre", "annee")
        ),
    }


# --- Déclaration annuelle AGEC (arrêté du 13 janvier 2025) ------------------------------------

CHAMPS_DECLARATION = [
    "annee",
    "siret",
    "raison_sociale",
    "type_produit_acquis",
    "montant_total",
    "montant_valorisation_et_don",
    "montant_produits_issus_don",
    "montant_produits_recycles",
    "commentaires",
]


class DeclarationImpossible(Exception):
    """Ce qui manque pour déclarer, dit en français."""


def _montant(valeur: Decimal) -> str:
    return f"{valeur.quantize(Decimal('0.01')):f}"


def declaration_agec_lignes(collectivite, annee: int) -> list[dict]:
    """Les lignes de la déclaration de l'année, une par catégorie qui a une dépense ou un don,
    dans les champs du schéma national (schema-declaration-biens-reemploi, v0.1.0) :
    montants HT en euros, point décimal ; dons à leur valeur forfaitaire, comptés aussi dans
    `montant_valorisation_et_don` et dans `montant_total`."""
    if not collectivite.siret:
        raise DeclarationImpossible(
            "Renseignez le SIRET de la collectivité (page « Collectivité ») : la déclaration "
            "en a besoin."
        )
    lignes = []
    for part in agec(collectivite, annee):
        if not part.montant_total and not part.dons_sans_valeur:
            continue
        remarques = [
            "Montants HT issus de l'inventaire du parc ; le réemploi interne n'est pas compté."
        ]
        if part.dons_sans_valeur:
            remarques.append(
                f"{part.dons_sans_valeur} don(s) reçu(s) sans valeur dans la grille de l'arrêté "
                "du 29 février 2024 : non valorisé(s)."
            )
        if part.achats_sans_prix:
            remarques.append(f"{part.achats_sans_prix} achat(s) sans prix saisi : non compté(s).")
        lignes.append(
            {
                "annee": str(annee),
                "siret": collectivite.siret,
                "raison_sociale": collectivite.nom,
                "type_produit_acquis": part.categorie.libelle,
                "montant_total": _montant(part.montant_total),
                "montant_valorisation_et_don": _montant(part.montant_reemploi),
                "montant_produits_issus_don": _montant(part.montant_dons),
                "montant_produits_recycles": _montant(part.montant_recycle),
                "commentaires": " ".join(remarques),
            }
        )
    return lignes
