"""Indicateurs calculés à partir du parc, proposés au suivi (registre `indicateurs.calculs`).

Chaque fonction reçoit la collectivité et l'année ; les agrégats de l'année sont calculés une
fois par collectivité et par requête, toutes les années affichées ensemble (voir
`mesures.groupes_des_annees`).
"""

from decimal import Decimal

from indicateurs.calculs import IndicateurCalcule, enregistrer

from . import mesures
from .enums import Destination


def _par_agent(valeur, g) -> Decimal | None:
    return mesures._ratio(valeur, g.agents)


def _g(collectivite, annee):
    return mesures.groupes(collectivite, annee)


def _preparer(*, collectivite, annees):
    mesures.groupes_des_annees(collectivite, annees)


INDICATEURS = [
    (
        "parc.duree_vie_moyenne",
        "Durée de vie moyenne des équipements sortis du parc dans l'année",
        "années",
        "hausse",
        2,
        lambda g: mesures.duree_vie_moyenne(g),
    ),
    (
        "parc.duree_vie_portables",
        "Durée de vie moyenne des ordinateurs portables sortis du parc",
        "années",
        "hausse",
        2,
        lambda g: mesures.duree_vie_moyenne(g, "ordinateur-portable"),
    ),
    (
        "parc.age_moyen",
        "Âge moyen des équipements présents au 31 décembre",
        "années",
        "hausse",
        2,
        mesures.age_moyen,
    ),
    (
        "parc.part_reconditionne_montant",
        "Part des achats d'équipements reconditionnés, en montant (AGEC : 20 % au moins)",
        "%",
        "hausse",
        1,
        lambda g: mesures.achats(g, g.annee)["part_montant"],
    ),
    (
        "parc.part_reconditionne_nombre",
        "Part des achats d'équipements reconditionnés, en nombre",
        "%",
        "hausse",
        1,
        lambda g: mesures.achats(g, g.annee)["part_nombre"],
    ),
    (
        "parc.dons",
        "Équipements donnés dans l'année",
        "nombre",
        "hausse",
        2,
        lambda g: Decimal(mesures.sorties_vers(g, Destination.DON)),
    ),
    (
        "parc.reemploi_interne",
        "Équipements réemployés en interne dans l'année",
        "nombre",
        "hausse",
        2,
        lambda g: Decimal(mesures.sorties_vers(g, Destination.REEMPLOI_INTERNE)),
    ),
    (
        "parc.ventes",
        "Équipements vendus dans l'année",
        "nombre",
        "hausse",
        2,
        lambda g: Decimal(mesures.sorties_vers(g, Destination.VENTE)),
    ),
    (
        "parc.cessions",
        "Équipements cédés à une personne publique dans l'année",
        "nombre",
        "hausse",
        2,
        lambda g: Decimal(mesures.sorties_vers(g, Destination.CESSION)),
    ),
    (
        "parc.poids_deee",
        "Poids des DEEE collectés par un éco-organisme dans l'année",
        "kg",
        "hausse",
        2,
        mesures.poids_deee,
    ),
    (
        "parc.poids_deee_par_agent",
        "Poids des DEEE collectés par agent",
        "kg",
        "hausse",
        2,
        lambda g: _par_agent(mesures.poids_deee(g), g),
    ),
    (
        "parc.equipements_par_agent",
        "Équipements en usage par agent",
        "nombre",
        "baisse",
        2,
        lambda g: _par_agent(mesures.quantite_presente(g, sauf_stock=True), g),
    ),
    (
        "parc.impression_par_agent",
        "Imprimantes et copieurs par agent",
        "nombre",
        "baisse",
        2,
        lambda g: _par_agent(
            mesures.quantite_presente(g, sauf_stock=True, types=mesures.TYPES_IMPRESSION), g
        ),
    ),
    (
        "parc.taux_mutualisation",
        "Part des équipements mutualisés",
        "%",
        "hausse",
        2,
        lambda g: mesures._ratio(
            mesures.quantite_presente(g, mutualise=True), mesures.quantite_presente(g), mesures.CENT
        ),
    ),
    (
        "parc.stock_dormant",
        "Équipements en stock depuis plus de 12 mois",
        "nombre",
        "baisse",
        2,
        lambda g: Decimal(g.dormants),
    ),
    (
        "parc.empreinte",
        "Empreinte carbone estimée du parc (fabrication annualisée et usage)",
        "tCO2e",
        "baisse",
        2,
        lambda g: mesures.empreinte(g).total_t,
    ),
]


def _fonction(calcul):
    def fonction(*, collectivite, annee):
        return calcul(_g(collectivite, annee))

    return fonction


def indicateurs_enregistrer() -> None:
    for code, libelle, unite, sens, axe, calcul in INDICATEURS:
        enregistrer(
            IndicateurCalcule(
                code=code,
                libelle=libelle,
                unite=unite,
                sens=sens,
                axe=axe,
                fonction=_fonction(calcul),
                preparer=_preparer,
            )
        )
