"""Les chiffres comparés et la façon de les obtenir pour une collectivité.

Aucun chiffre n'est calculé ici d'une seconde façon : chacun vient de la fonction qui le
calcule partout ailleurs (une définition par chiffre) —

- maturité : notes de la dernière campagne close (`diagnostic.selectors.resultats_campagne`) ;
- parc : la valeur retenue de l'indicateur (`indicateurs`), calculée depuis l'inventaire quand
  il couvre l'année (`parc.indicateurs`, `parc.conformite`, `parc.mesures`), sinon déclarée
  quand la collectivité suit l'indicateur et l'a saisie ; l'empreinte par agent est la valeur
  retenue de l'empreinte du parc divisée par le nombre d'agents ;
- fiches : statut des fiches de la feuille de route courante (`fiches.selectors`).

Année close seulement pour le parc et les fiches (la dernière, celle des bilans) ; la maturité
est celle de la dernière campagne close, avec son année.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from indicateurs import calculs
from indicateurs.models import IndicateurSuivi
from indicateurs.selectors import indicateur_suivi_detail
from parc import mesures
from strategie_nr.diagnostic.selectors import derniere_campagne_cloturee, resultats_campagne
from strategie_nr.fiches.enums import StatutFiche
from strategie_nr.fiches.selectors import fiches_lues, version_courante
from strategie_nr.plateforme import formats

MATURITE, PARC, FICHES = "Maturité", "Parc informatique", "Feuille de route"
DEPUIS_DIAGNOSTIC = "calculé depuis le diagnostic"
DEPUIS_FICHES = "calculé depuis la feuille de route"


@dataclass(frozen=True)
class Chiffre:
    code: str
    libelle: str
    rubrique: str
    unite: str
    precision: int
    methode: str

    def afficher(self, valeur) -> str:
        return formats.valeur(valeur, self.unite, self.precision)

    def nombre(self, valeur) -> str:
        """Sans l'unité, pour les colonnes d'un tableau dont la légende la donne."""
        return formats.nombre(valeur, self.precision)

    @property
    def legende_unite(self) -> str:
        if self.code.startswith("maturite."):
            return "Notes du baromètre, de 1 (inexistant) à 5 (maximum)."
        unite = formats.UNITES.get(self.unite, self.unite)
        return f"Valeurs en {unite}." if unite else "Valeurs en nombre."


@dataclass(frozen=True)
class Valeur:
    code: str
    annee: int
    valeur: Decimal
    origine: str  # « calculé depuis l'inventaire », « déclaré »…
    precision: str = ""  # ce qui situe le chiffre : campagne, nombre de fiches…


def _calcul(code: str) -> calculs.IndicateurCalcule:
    return calculs.REGISTRE[code]


METHODE_MATURITE = (
    "Note de la dimension dans la dernière campagne de diagnostic close de chaque collectivité "
    "(moyenne de ses questions notées, au dixième, baromètre de 1 à 5)."
)
METHODE_FICHES = (
    "Part des fiches de la feuille de route courante dont la fin tombe au plus tard le "
    "31 décembre de l'année et qui sont réalisées (fiches abandonnées exclues), selon leur "
    "statut à la publication."
)
CODES_PARC = [
    "parc.equipements_par_agent",
    "parc.duree_vie_moyenne",
    "parc.agec_reemploi_informatique",
    "parc.reen_taux_reemploi_reformes",
]
EMPREINTE = "parc.empreinte"
EMPREINTE_PAR_AGENT = "parc.empreinte_par_agent"
REALISATION_FICHES = "fiches.part_realisees"


def catalogue(dimensions) -> list[Chiffre]:
    """Tous les chiffres comparés, dans l'ordre de la page (`dimensions` : celles du
    référentiel, dans l'ordre)."""
    chiffres = [
        Chiffre(f"maturite.{d.numero}", d.titre, MATURITE, "", 1, METHODE_MATURITE)
        for d in dimensions
    ]
    chiffres.append(
        Chiffre(
            "maturite.globale",
            "Note globale",
            MATURITE,
            "",
            1,
            "Moyenne des notes des dimensions notées, au dixième.",
        )
    )
    for code in CODES_PARC:
        calcul = _calcul(code)
        chiffres.append(
            Chiffre(code, calcul.libelle, PARC, calcul.unite, calcul.precision, calcul.methode)
        )
    empreinte = _calcul(EMPREINTE)
    chiffres.append(
        Chiffre(
            EMPREINTE_PAR_AGENT,
            "Empreinte carbone estimée du parc par agent",
            PARC,
            "kgCO2e",
            0,
            f"{empreinte.methode} Rapportée au nombre d'agents de la collectivité (profil).",
        )
    )
    chiffres.append(
        Chiffre(
            REALISATION_FICHES,
            "Fiches actions échues réalisées",
            FICHES,
            "%",
            0,
            METHODE_FICHES,
        )
    )
    return chiffres


def _maturite(collectivite) -> list[Valeur]:
    campagne = derniere_campagne_cloturee(collectivite)
    if campagne is None:
        return []
    resultats = resultats_campagne(campagne, comparer=False)
    annee, precision = campagne.date.year, f"campagne close du {formats.date_courte(campagne.date)}"
    valeurs = [
        Valeur(
            f"maturite.{ligne.dimension.numero}", annee, ligne.note, DEPUIS_DIAGNOSTIC, precision
        )
        for ligne in resultats.dimensions
        if ligne.note is not None
    ]
    if resultats.note_globale is not None:
        valeurs.append(
            Valeur("maturite.globale", annee, resultats.note_globale, DEPUIS_DIAGNOSTIC, precision)
        )
    return valeurs


def _retenue(collectivite, code: str, annee: int, suivis: dict) -> Valeur | None:
    """La valeur retenue de l'indicateur calculé `code` pour l'année : celle du suivi de la
    collectivité s'il existe (calculée quand l'inventaire couvre l'année, sinon déclarée),
    sinon la calculée quand l'inventaire couvre l'année."""
    calcul = _calcul(code)
    suivi = suivis.get(code)
    if suivi is not None:
        retenue = indicateur_suivi_detail(suivi)["ligne"].retenue(annee)
        if retenue is None:
            return None
        return Valeur(code, annee, retenue.valeur, retenue.origine)
    couverte = calcul.couverture(collectivite=collectivite) if calcul.couverture else None
    if couverte is None or annee < couverte:
        return None
    valeur = calcul.fonction(collectivite=collectivite, annee=annee)
    return None if valeur is None else Valeur(code, annee, valeur, calcul.source)


def _suivis_par_calcul(collectivite) -> dict:
    suivis = {}
    for suivi in IndicateurSuivi.objects.for_collectivite(collectivite).select_related(
        "definition"
    ):
        calcul = calculs.calcul_de(suivi.definition)
        if calcul is not None:
            suivis.setdefault(calcul.code, suivi)
    return suivis


def _parc(collectivite, annee: int) -> list[Valeur]:
    suivis = _suivis_par_calcul(collectivite)
    calculs.preparer(collectivite, [*CODES_PARC, EMPREINTE], [annee])
    valeurs = [_retenue(collectivite, code, annee, suivis) for code in CODES_PARC]
    empreinte = _retenue(collectivite, EMPREINTE, annee, suivis)
    if empreinte is not None and collectivite.nombre_agents:
        par_agent = mesures._ratio(empreinte.valeur * mesures.MILLE, collectivite.nombre_agents)
        valeurs.append(Valeur(EMPREINTE_PAR_AGENT, annee, par_agent, empreinte.origine))
    return [v for v in valeurs if v is not None]


def _fiches(collectivite, annee: int) -> list[Valeur]:
    fin_annee = datetime.date(annee, 12, 31)
    echues = [
        fiche
        for fiche in fiches_lues(version_courante(collectivite))
        if fiche["fin"] <= fin_annee and fiche["statut"] != StatutFiche.ABANDONNEE
    ]
    if not echues:
        return []
    realisees = sum(1 for fiche in echues if fiche["statut"] == StatutFiche.REALISEE)
    return [
        Valeur(
            REALISATION_FICHES,
            annee,
            Decimal(realisees) * 100 / len(echues),
            DEPUIS_FICHES,
            f"fiches échues au 31/12/{annee}",
        )
    ]


def valeurs_de(collectivite, *, annee: int) -> list[Valeur]:
    """Les chiffres de la collectivité : maturité de sa dernière campagne close, parc et fiches
    de l'année close `annee`."""
    return [*_maturite(collectivite), *_parc(collectivite, annee), *_fiches(collectivite, annee)]
