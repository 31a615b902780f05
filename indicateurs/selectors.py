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
from .calculs import REGISTRE
from .enums import Avancement, Mode
from .models import Cible, DefinitionIndicateur, IndicateurSuivi, Objectif, Valeur
from .nombres import afficher

ANNEE_MIN = 2015
NOMBRE_ANNEES_MAX = 12
ANNEES_CALCULEES = 5


@dataclass
class LigneIndicateur:
    suivi: IndicateurSuivi
    cibles: dict[int, Decimal] = field(default_factory=dict)
    valeurs: dict[int, Valeur] = field(default_factory=dict)
    calculees: dict[int, Decimal | None] = field(default_factory=dict)

    @property
    def definition(self):
        return self.suivi.definition

    @property
    def calcule(self) -> bool:
        return self.definition.mode == Mode.CALCULE

    def valeur(self, annee: int) -> Decimal | None:
        """Valeur retenue : saisie (ou calculée figée) si elle existe, sinon calculée."""
        if annee in self.valeurs:
            return self.valeurs[annee].valeur
        return self.calculees.get(annee)

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

    def derniere(self) -> tuple[int, Decimal] | None:
        mesures = self.mesures()
        if not mesures:
            return None
        annee = max(mesures)
        return annee, mesures[annee]

    def afficher(self, valeur) -> str:
        return afficher(valeur, self.definition.unite, self.definition.precision)


def annees_couvertes(lignes: list[LigneIndicateur], annee_courante: int) -> list[int]:
    annees = {annee_courante}
    if any(ligne.calcule for ligne in lignes):
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
        [ligne.definition.code_calcul for ligne in lignes if ligne.calcule],
        annees_calculables(annees, annee_courante),
    )


def _calculer(ligne: LigneIndicateur, collectivite, annees: list[int], annee_courante: int):
    if not ligne.calcule:
        return
    indicateur = REGISTRE.get(ligne.definition.code_calcul)
    if indicateur is None:
        return
    for annee in annees_calculables(annees, annee_courante):
        ligne.calculees[annee] = indicateur.fonction(collectivite=collectivite, annee=annee)


def _ligne(suivi) -> LigneIndicateur:
    return LigneIndicateur(
        suivi=suivi,
        cibles={c.annee: c.valeur for c in suivi.cibles.all()},
        valeurs={v.annee: v for v in suivi.valeurs.all()},
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


def objectifs_avancement(collectivite, *, tableau: dict | None = None, annee_courante=None):
    """Chaque objectif avec son avancement (atteint, en bonne voie, en retard, sans donnée)."""
    annee_courante = annee_courante or timezone.localdate().year
    tableau = tableau or indicateurs_suivis_tableau(collectivite, annee_courante=annee_courante)
    lignes = {ligne.suivi.pk: ligne for ligne in tableau["lignes"]}
    resultat = []
    for objectif in Objectif.objects.for_collectivite(collectivite).select_related("axe"):
        ligne = lignes.get(objectif.suivi_id)
        if ligne is None:
            resultat.append(LigneObjectif(objectif, Avancement.NON_MESURABLE))
            continue
        suivi = ligne.suivi
        base = (suivi.annee_base, suivi.valeur_base) if suivi.annee_base else None
        statut, annee, valeur = avancement(
            sens=ligne.definition.sens,
            annee_cible=objectif.annee_cible,
            valeur_cible=objectif.valeur_cible,
            mesures=ligne.mesures(),
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
