"""Indicateurs calculés à partir du parc, proposés au suivi (registre `indicateurs.calculs`).

Chaque fonction reçoit la collectivité et l'année ; les agrégats de l'année sont calculés une
fois par collectivité et par requête, toutes les années affichées ensemble (voir
`mesures.groupes_des_annees`).
"""

from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from indicateurs.calculs import IndicateurCalcule, enregistrer

from . import mesures
from .enums import Destination


def _par_agent(valeur, g) -> Decimal | None:
    return mesures._ratio(valeur, g.agents)


def _g(collectivite, annee):
    return mesures.groupes(collectivite, annee)


def _preparer(*, collectivite, annees):
    mesures.groupes_des_annees(collectivite, annees)


class Calcul(NamedTuple):
    code: str
    libelle: str
    unite: str
    sens: str
    axe: int
    calcul: Callable
    precision: int
    methode: str
    equivalents: tuple[str, ...] = ()


INDICATEURS = [
    Calcul(
        "parc.duree_vie_moyenne",
        "Durée de vie moyenne des équipements sortis du parc dans l'année",
        "années",
        "hausse",
        2,
        lambda g: mesures.duree_vie_moyenne(g),
        precision=1,
        methode=mesures.METHODES["duree_vie"],
    ),
    Calcul(
        "parc.duree_vie_portables",
        "Durée de vie moyenne des ordinateurs portables sortis du parc",
        "années",
        "hausse",
        2,
        lambda g: mesures.duree_vie_moyenne(g, "ordinateur-portable"),
        precision=1,
        methode=mesures.METHODES["duree_vie"],
    ),
    Calcul(
        "parc.age_moyen",
        "Âge moyen des équipements présents au 31 décembre",
        "années",
        "hausse",
        2,
        mesures.age_moyen,
        precision=1,
        methode=mesures.METHODES["age"],
    ),
    Calcul(
        "parc.part_reconditionne_montant",
        "Part des achats d'équipements reconditionnés, en montant (AGEC : 20 % au moins)",
        "%",
        "hausse",
        1,
        lambda g: mesures.achats(g, g.annee)["part_montant"],
        precision=1,
        methode=mesures.METHODES["achats"],
        equivalents=("axe-1-1",),
    ),
    Calcul(
        "parc.part_reconditionne_nombre",
        "Part des achats d'équipements reconditionnés, en nombre",
        "%",
        "hausse",
        1,
        lambda g: mesures.achats(g, g.annee)["part_nombre"],
        precision=1,
        methode=mesures.METHODES["achats"],
    ),
    Calcul(
        "parc.dons",
        "Équipements donnés dans l'année",
        "nombre",
        "hausse",
        2,
        lambda g: Decimal(mesures.sorties_vers(g, Destination.DON)),
        precision=0,
        methode=mesures.METHODES["sorties"],
        equivalents=("axe-2-2",),
    ),
    Calcul(
        "parc.reemploi_interne",
        "Équipements réemployés en interne dans l'année",
        "nombre",
        "hausse",
        2,
        lambda g: Decimal(mesures.sorties_vers(g, Destination.REEMPLOI_INTERNE)),
        precision=0,
        methode=mesures.METHODES["sorties"],
        equivalents=("axe-2-3",),
    ),
    Calcul(
        "parc.ventes",
        "Équipements vendus dans l'année",
        "nombre",
        "hausse",
        2,
        lambda g: Decimal(mesures.sorties_vers(g, Destination.VENTE)),
        precision=0,
        methode=mesures.METHODES["sorties"],
    ),
    Calcul(
        "parc.cessions",
        "Équipements cédés à une personne publique dans l'année",
        "nombre",
        "hausse",
        2,
        lambda g: Decimal(mesures.sorties_vers(g, Destination.CESSION)),
        precision=0,
        methode=mesures.METHODES["sorties"],
    ),
    Calcul(
        "parc.poids_deee",
        "Poids des DEEE collectés par un éco-organisme dans l'année",
        "kg",
        "hausse",
        2,
        mesures.poids_deee,
        precision=1,
        methode=mesures.METHODES["sorties"],
    ),
    Calcul(
        "parc.poids_deee_par_agent",
        "Poids des DEEE collectés par agent",
        "kg",
        "hausse",
        2,
        lambda g: _par_agent(mesures.poids_deee(g), g),
        precision=2,
        methode=mesures.METHODES["par_agent"],
    ),
    Calcul(
        "parc.equipements_par_agent",
        "Équipements en usage par agent",
        "nombre",
        "baisse",
        2,
        lambda g: _par_agent(mesures.quantite_presente(g, sauf_stock=True), g),
        precision=2,
        methode=mesures.METHODES["par_agent"],
    ),
    Calcul(
        "parc.impression_par_agent",
        "Imprimantes et copieurs par agent",
        "nombre",
        "baisse",
        2,
        lambda g: _par_agent(
            mesures.quantite_presente(g, sauf_stock=True, types=mesures.TYPES_IMPRESSION), g
        ),
        precision=2,
        methode=mesures.METHODES["par_agent"],
    ),
    Calcul(
        "parc.taux_mutualisation",
        "Part des équipements mutualisés",
        "%",
        "hausse",
        2,
        lambda g: mesures._ratio(
            mesures.quantite_presente(g, mutualise=True), mesures.quantite_presente(g), mesures.CENT
        ),
        precision=1,
        methode=mesures.METHODES["presents"],
    ),
    Calcul(
        "parc.stock_dormant",
        "Équipements en stock depuis plus de 12 mois",
        "nombre",
        "baisse",
        2,
        lambda g: Decimal(g.dormants),
        precision=0,
        methode=mesures.METHODES["presents"],
    ),
    Calcul(
        "parc.empreinte",
        "Empreinte carbone estimée du parc (fabrication annualisée et usage)",
        "tCO2e",
        "baisse",
        2,
        lambda g: mesures.empreinte(g).total_t,
        precision=1,
        methode=mesures.METHODES["empreinte"],
    ),
]


def _fonction(calcul):
    def fonction(*, collectivite, annee):
        return calcul(_g(collectivite, annee))

    return fonction


def indicateurs_enregistrer() -> None:
    for indicateur in INDICATEURS:
        enregistrer(
            IndicateurCalcule(
                code=indicateur.code,
                libelle=indicateur.libelle,
                unite=indicateur.unite,
                sens=indicateur.sens,
                axe=indicateur.axe,
                fonction=_fonction(indicateur.calcul),
                preparer=_preparer,
                precision=indicateur.precision,
                methode=indicateur.methode,
                equivalents=indicateur.equivalents,
                couverture=mesures.premiere_annee_couverte,
            )
        )
