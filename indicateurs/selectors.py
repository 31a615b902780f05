"""Lectures des indicateurs : tableau de tous les suivis, valeurs par année, objectifs.

`indicateurs_suivis_tableau` et `objectifs_avancement` servent aussi le PDF de la stratégie et le
bilan annuel.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from . import calculs
from .avancement import avancement
from .calculs import IndicateurCalcule, calcul_de, ecart_a_resoudre
from .enums import Avancement, Mode
from .models import Cible, DefinitionIndicateur, IndicateurSuivi, Objectif, Valeur
from .nombres import afficher

ANNEE_MIN = 2015
NOMBRE_ANNEES_MAX = 12
ANNEES_CALCULEES = 5


DECLAREE = "déclaré"
CALCULEE = "calculé depuis l'inventaire"


def derniere_annee_close(aujourdhui=None) -> int:
    """La dernière année terminée : celle des verdicts, des chiffres clés et des bilans."""
    return (aujourdhui or timezone.localdate()).year - 1


def libelle_annee(annee: int, aujourdhui=None) -> str:
    """« 2025 », ou « 2026 (année en cours, provisoire) »."""
    if annee > derniere_annee_close(aujourdhui):
        return f"{annee} (année en cours, provisoire)"
    return str(annee)


@dataclass(frozen=True)
class Retenue:
    """La valeur retenue d'un indicateur pour une année, d'où elle vient et pourquoi."""

    annee: int
    valeur: Decimal
    origine: str  # DECLAREE ou la source du calcul (« calculé depuis l'inventaire »)
    raison: str
    declaree: Decimal | None = None  # la valeur saisie, gardée quand le calcul l'emporte
    a_resoudre: bool = False  # écart entre déclarée et calculée au-delà de la tolérance

    @property
    def calculee(self) -> bool:
        return self.origine != DECLAREE


@dataclass
class LigneIndicateur:
    suivi: IndicateurSuivi
    cibles: dict[int, Decimal] = field(default_factory=dict)
    valeurs: dict[int, Valeur] = field(default_factory=dict)
    calculees: dict[int, Decimal | None] = field(default_factory=dict)
    calcul: IndicateurCalcule | None = None
    couverte_depuis: int | None = None  # première année couverte par le calcul

    @property
    def definition(self):
        return self.suivi.definition

    @property
    def calcule(self) -> bool:
        """Indicateur du parc : aucune valeur ne s'y saisit (elle se calcule, ou se fige)."""
        return self.definition.mode == Mode.CALCULE

    @property
    def calculable(self) -> bool:
        """Se calcule pour les années couvertes, même s'il est du référentiel (équivalent)."""
        return self.calcul is not None

    @property
    def methode(self) -> str:
        return self.calcul.methode if self.calcul else ""

    def retenue(self, annee: int) -> Retenue | None:
        """Une valeur par année : la figée, sinon la calculée (années couvertes), sinon la
        déclarée ; une déclarée que le calcul remplace reste visible, avec l'écart."""
        saisie = self.valeurs.get(annee)
        if saisie is not None and saisie.figee:
            return Retenue(annee, saisie.valeur, self._source(), f"figée ({saisie.source})")
        calculee = self.calculees.get(annee)
        if calculee is not None:
            declaree = saisie.valeur if saisie is not None else None
            a_resoudre = declaree is not None and ecart_a_resoudre(
                declaree, calculee, self.definition.precision
            )
            raison = "l'inventaire couvre cette année"
            if declaree is not None:
                raison += f" ; valeur déclarée : {self.afficher(declaree)}"
            return Retenue(annee, calculee, self._source(), raison, declaree, a_resoudre)
        if saisie is not None:
            raison = "saisie"
            if self.calculable:
                raison = (
                    "année en cours, pas encore calculable"
                    if annee > derniere_annee_close()
                    else "année que l'inventaire ne couvre pas"
                )
            return Retenue(annee, saisie.valeur, DECLAREE, raison)
        return None

    def base(self) -> tuple[int, Decimal] | None:
        """(année, valeur) de référence : une seule valeur par année, celle retenue (calculée
        quand l'inventaire couvre l'année de référence), sinon celle saisie au suivi."""
        suivi = self.suivi
        if not suivi.annee_base or suivi.valeur_base is None:
            return None
        retenue = self.retenue(suivi.annee_base)
        return suivi.annee_base, retenue.valeur if retenue is not None else suivi.valeur_base

    def _source(self) -> str:
        return self.calcul.source if self.calcul else CALCULEE

    def valeur(self, annee: int) -> Decimal | None:
        """La valeur retenue (voir `retenue`)."""
        retenue = self.retenue(annee)
        return retenue.valeur if retenue else None

    def ecarts(self) -> list[Retenue]:
        """Les années où la valeur déclarée s'écarte du calcul : à résoudre par le référent."""
        return [r for a in sorted(self.valeurs) if (r := self.retenue(a)) and r.a_resoudre]

    def ecart_fige(self, annee: int) -> Decimal | None:
        """Pour une année figée : recalcul du jour moins valeur figée (None si pas d'écart)."""
        valeur = self.valeurs.get(annee)
        if valeur is None or not valeur.figee:
            return None
        recalcul = self.calculees.get(annee)
        if recalcul is None or recalcul == valeur.valeur:
            return None
        return recalcul - valeur.valeur

    def mesures(self) -> dict[int, Decimal]:
        annees = set(self.valeurs) | set(self.calculees)
        return {a: v for a in annees if (v := self.valeur(a)) is not None}

    def derniere(self, jusqu_a: int | None = None) -> tuple[int, Decimal] | None:
        """La dernière valeur retenue, jusqu'à l'année `jusqu_a` comprise si elle est donnée."""
        mesures = {a: v for a, v in self.mesures().items() if jusqu_a is None or a <= jusqu_a}
        if not mesures:
            return None
        annee = max(mesures)
        return annee, mesures[annee]

    def afficher(self, valeur) -> str:
        return afficher(valeur, self.definition.unite, self.definition.precision)


def annees_couvertes(lignes: list[LigneIndicateur], annee_courante: int) -> list[int]:
    annees = {annee_courante}
    if any(ligne.calculable for ligne in lignes):
        annees.add(annee_courante - ANNEES_CALCULEES + 1)  # l'historique du parc
    for ligne in lignes:
        annees |= set(ligne.cibles) | set(ligne.valeurs)
        if ligne.suivi.annee_base:
            annees.add(ligne.suivi.annee_base)
    debut = max(min(annees), ANNEE_MIN)
    fin = max(annees)
    debut = max(debut, fin - NOMBRE_ANNEES_MAX + 1)
    return list(range(debut, fin + 1))


def _suivis(collectivite):
    return (
        IndicateurSuivi.objects.for_collectivite(collectivite)
        .select_related("definition__axe", "responsable__utilisateur")
        .prefetch_related(
            Prefetch("cibles", queryset=Cible.objects.order_by("annee")),
            Prefetch("valeurs", queryset=Valeur.objects.order_by("annee")),
        )
    )


def annees_calculables(annees, annee_courante: int) -> list[int]:
    """Les années closes seulement : une valeur calculée « dans l'année » ou « au 31 décembre »
    d'une année en cours serait partielle, et se comparerait à tort à la cible de l'année."""
    derniere = min(annee_courante, timezone.localdate().year - 1)
    return [annee for annee in annees if annee <= derniere]


def _preparer(lignes: list[LigneIndicateur], collectivite, annees, annee_courante: int) -> None:
    calculs.preparer(
        collectivite,
        [ligne.calcul.code for ligne in lignes if ligne.calculable],
        annees_calculables(annees, annee_courante),
    )


def _calculer(ligne: LigneIndicateur, collectivite, annees: list[int], annee_courante: int):
    """Les valeurs calculées des années closes que le domaine couvre."""
    indicateur = ligne.calcul
    if indicateur is None:
        return
    if indicateur.couverture is not None:
        ligne.couverte_depuis = indicateur.couverture(collectivite=collectivite)
        if ligne.couverte_depuis is None:
            return
    for annee in annees_calculables(annees, annee_courante):
        if ligne.couverte_depuis is None or annee >= ligne.couverte_depuis:
            ligne.calculees[annee] = indicateur.fonction(collectivite=collectivite, annee=annee)


def _ligne(suivi) -> LigneIndicateur:
    return LigneIndicateur(
        suivi=suivi,
        cibles={c.annee: c.valeur for c in suivi.cibles.all()},
        valeurs={v.annee: v for v in suivi.valeurs.all()},
        calcul=calcul_de(suivi.definition),
    )


def indicateurs_suivis_tableau(collectivite, *, annee_courante: int | None = None) -> dict:
    """Tous les indicateurs suivis, avec cibles et valeurs par année, groupés par axe.

    Trois requêtes pour les données saisies, quel que soit leur nombre ; plus, pour les
    indicateurs calculés, celles de leur domaine, une fois pour toutes les années affichées.
    """
    annee_courante = annee_courante or timezone.localdate().year
    lignes = [_ligne(suivi) for suivi in _suivis(collectivite)]
    annees = annees_couvertes(lignes, annee_courante)
    _preparer(lignes, collectivite, annees, annee_courante)
    for ligne in lignes:
        _calculer(ligne, collectivite, annees, annee_courante)
    par_axe: dict = {}
    for ligne in lignes:
        par_axe.setdefault(ligne.definition.axe, []).append(ligne)
    return {"annees": annees, "lignes": lignes, "par_axe": list(par_axe.items())}


def indicateur_suivi_detail(suivi, *, annee_courante: int | None = None) -> dict:
    annee_courante = annee_courante or timezone.localdate().year
    suivi = _suivis(suivi.collectivite_id).get(pk=suivi.pk)
    ligne = _ligne(suivi)
    annees = annees_couvertes([ligne], annee_courante)
    _preparer([ligne], suivi.collectivite, annees, annee_courante)
    _calculer(ligne, suivi.collectivite, annees, annee_courante)
    return {"ligne": ligne, "annees": annees}


@dataclass
class LigneObjectif:
    objectif: Objectif
    avancement: str
    annee: int | None = None
    valeur: Decimal | None = None
    ligne: LigneIndicateur | None = None

    @property
    def avancement_libelle(self) -> str:
        return Avancement(self.avancement).label


def objectifs_avancement(
    collectivite, *, tableau: dict | None = None, annee_courante=None, jusqu_a: int | None = None
):
    """Chaque objectif avec son avancement (atteint, en bonne voie, en retard, sans donnée),
    d'après les valeurs retenues jusqu'à l'année `jusqu_a` (un document : la dernière année
    close, ou l'année du bilan)."""
    annee_courante = annee_courante or timezone.localdate().year
    tableau = tableau or indicateurs_suivis_tableau(collectivite, annee_courante=annee_courante)
    lignes = {ligne.suivi.pk: ligne for ligne in tableau["lignes"]}
    resultat = []
    for objectif in Objectif.objects.for_collectivite(collectivite).select_related("axe"):
        ligne = lignes.get(objectif.suivi_id)
        if ligne is None:
            resultat.append(LigneObjectif(objectif, Avancement.NON_MESURABLE))
            continue
        base = ligne.base()
        statut, annee, valeur = avancement(
            sens=ligne.definition.sens,
            annee_cible=objectif.annee_cible,
            valeur_cible=objectif.valeur_cible,
            mesures={a: v for a, v in ligne.mesures().items() if jusqu_a is None or a <= jusqu_a},
            base=base,
            annee_courante=annee_courante,
        )
        resultat.append(LigneObjectif(objectif, statut, annee, valeur, ligne))
    return resultat


def indicateurs_a_suivre(collectivite, recherche: str = ""):
    """Les indicateurs que la collectivité ne suit pas encore, filtrés par des mots du libellé
    ou « axe N »."""
    deja = IndicateurSuivi.objects.for_collectivite(collectivite).values("definition")
    definitions = (
        DefinitionIndicateur.objects.disponibles_pour(collectivite)
        .exclude(pk__in=deja)
        .select_related("axe")
        .order_by("axe__numero", "libelle")
    )
    for mot in recherche.split()[:8]:
        if mot.isdigit() and "axe" in recherche.lower():
            definitions = definitions.filter(axe__numero=int(mot))
        elif mot.lower() != "axe":
            definitions = definitions.filter(libelle__icontains=mot)
    return definitions
