"""Indicateurs calculés à partir du parc, proposés au suivi (registre `indicateurs.calculs`).

Chaque fonction reçoit la collectivité et l'année ; les agrégats de l'année sont calculés une
fois par collectivité et par requête, toutes les années affichées ensemble (voir
`mesures.groupes_des_annees`).
"""

from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from indicateurs.calculs import IndicateurCalcule, enregistrer

from . import conformite, mesures
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
        "Part des achats d'équipements reconditionnés, en montant",
        "%",
        "hausse",
        1,
        lambda g: mesures.achats(g, g.annee)["part_montant"],
        precision=1,
        methode=mesures.METHODES["achats"],
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


def _preparer_conformite(*, collectivite, annees):
    # Toujours une requête par contrôle pour ces années, même si d'autres sont déjà calculées :
    # le nombre de requêtes de la page ne dépend pas des années que les données couvrent.
    conformite.agec_des_annees(collectivite, annees, toutes=True)
    conformite.reen_des_annees(collectivite, annees, toutes=True)


def _part_agec(code_categorie: str, attribut: str):
    def fonction(*, collectivite, annee):
        for part in conformite.agec(collectivite, annee):
            if part.categorie.code == code_categorie:
                return getattr(part, attribut)
        return None

    return fonction


def _taux_reen(*, collectivite, annee):
    return conformite.reen(collectivite, annee).taux


# (code, axe REEN, libellé, fonction(collectivite=…, annee=…), méthode montrée aux utilisateurs)
INDICATEURS_CONFORMITE = [
    (
        "parc.reen_taux_reemploi_reformes",
        2,
        "Taux de réemploi des matériels informatiques réformés (REEN art. 16, décret n° 2023-266)",
        _taux_reen,
        conformite.METHODE_REEN,
    ),
    (
        "parc.agec_reemploi_informatique",
        1,
        "Part des dépenses en matériel informatique et téléphonie issues du réemploi ou de la "
        "réutilisation, dons compris (AGEC art. 58, décret n° 2024-134)",
        _part_agec("informatique-telephonie", "part_reemploi"),
        conformite.METHODE_AGEC,
    ),
    (
        "parc.agec_recyclee_informatique",
        1,
        "Part des dépenses en matériel informatique et téléphonie intégrant des matières "
        "recyclées (AGEC art. 58, décret n° 2024-134)",
        _part_agec("informatique-telephonie", "part_recyclee"),
        conformite.METHODE_AGEC_RECYCLEE,
    ),
    (
        "parc.agec_reemploi_impression",
        1,
        "Part des dépenses en matériel de reprographie et d'impression issues du réemploi ou de "
        "la réutilisation, dons compris (AGEC art. 58, décret n° 2024-134)",
        _part_agec("reprographie-impression", "part_reemploi"),
        conformite.METHODE_AGEC,
    ),
]


# L'indicateur du référentiel « % des dépenses annuelles en achat de matériel informatique et
# téléphonique issu du réemploi » est la part AGEC de cette catégorie, dons compris : une seule
# valeur, calculée ici, pour l'indicateur suivi et pour le contrôle légal.
EQUIVALENTS_CONFORMITE = {"parc.agec_reemploi_informatique": ("axe-1-1",)}


def indicateurs_enregistrer() -> None:
    for code, axe, libelle, fonction, description in INDICATEURS_CONFORMITE:
        enregistrer(
            IndicateurCalcule(
                code=code,
                libelle=libelle,
                unite="%",
                sens="hausse",
                axe=axe,
                fonction=fonction,
                description=description,
                methode=description,
                preparer=_preparer_conformite,
                couverture=mesures.premiere_annee_couverte,
                equivalents=EQUIVALENTS_CONFORMITE.get(code, ()),
            )
        )
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
