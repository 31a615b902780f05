"""La synthèse d'une page pour les élus : où en est la collectivité, en quelques chiffres.

Elle suit la page de garde de la stratégie et ouvre le tableau de bord d'un élu. Tous ses
chiffres portent leur année, celle de la dernière année close ; ce sont les valeurs retenues
des indicateurs (une valeur par chiffre) quand la collectivité les suit, sinon le calcul du parc.
Les verdicts de conformité se branchent par `verdict_enregistrer` (AGEC art. 58 et REEN
art. 16, calculés dans `parc.conformite`) : chacun reçoit la collectivité et l'année close, et
rend un dict ou None.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

from indicateurs.calculs import calcul_de
from indicateurs.selectors import indicateurs_suivis_tableau
from parc import conformite
from parc.selectors import parc_synthese
from strategie_nr.diagnostic.selectors import derniere_campagne_cloturee, resultats_campagne
from strategie_nr.fiches.enums import StatutFiche
from strategie_nr.fiches.selectors import budget_consolide
from strategie_nr.plateforme import formats

CHIFFRES_CLES = (
    "parc.empreinte",
    "parc.equipements_par_agent",
    "parc.duree_vie_moyenne",
    "parc.dons",
)
VERDICTS: list[Callable[..., dict | None]] = []


def verdict_enregistrer(fonction: Callable[..., dict | None]) -> None:
    """Ajoute un verdict de conformité : fonction(collectivite=…, annee=…, parc=…, retenues=…),
    `retenues` étant les valeurs retenues des indicateurs suivis (code du calcul → Retenue)."""
    if fonction not in VERDICTS:
        VERDICTS.append(fonction)


def verdict_reen(*, collectivite, annee: int, parc, retenues: dict) -> dict | None:
    """Taux de réemploi des matériels informatiques réformés (REEN art. 16, décret n° 2023-266
    du 12 avril 2023) face à l'objectif de l'année : calculé dans `parc.conformite`."""
    taux = conformite.reen(collectivite, annee)
    if taux.atteint is None:
        return None
    return {
        "libelle": "Réemploi des matériels informatiques réformés (REEN art. 16, décret "
        "n° 2023-266)",
        "annee": annee,
        "valeur": formats.valeur(taux.taux, "pourcentage", 1),
        "seuil": formats.valeur(taux.objectif.taux, "pourcentage", 0),
        "respecte": taux.atteint,
    }


def verdict_agec(*, collectivite, annee: int, parc, retenues: dict) -> dict | None:
    """Part de la dépense en matériel informatique et téléphonie issue du réemploi ou de la
    réutilisation, dons compris (AGEC art. 58, décret n° 2024-134 du 21 février 2024), face à la
    proportion minimale du référentiel : calculée dans `parc.conformite` ; pas de verdict tant
    que la proportion n'est pas saisie."""
    for part in conformite.agec(collectivite, annee):
        if part.categorie.code != conformite.CATEGORIE_SERIE or part.reemploi_atteint is None:
            continue
        return {
            "libelle": f"{part.categorie.libelle} issu du réemploi (AGEC art. 58, décret "
            "n° 2024-134)",
            "annee": annee,
            "valeur": formats.valeur(part.part_reemploi, "pourcentage", 1),
            "seuil": formats.valeur(part.objectif.part_reemploi, "pourcentage", 0),
            "respecte": part.reemploi_atteint,
        }
    return None


verdict_enregistrer(verdict_agec)
verdict_enregistrer(verdict_reen)


def _valeurs_retenues(tableau, annee: int) -> dict:
    """Code du calcul → (ligne, Retenue) des indicateurs suivis qui se calculent, pour l'année."""
    retenues = {}
    for ligne in tableau["lignes"]:
        calcul = calcul_de(ligne.definition)
        retenue = ligne.retenue(annee)
        if calcul is not None and retenue is not None:
            retenues[calcul.code] = (ligne, retenue)
    return retenues


def _chiffres(parc, retenues: dict, annee: int) -> list[dict]:
    chiffres = [
        {
            "libelle": "Équipements présents au 31 décembre",
            "valeur": formats.valeur(Decimal(parc.quantite), "nombre", 0),
            "annee": annee,
            "origine": "calculé depuis l'inventaire",
        }
    ]
    par_code = {i.code: i for i in parc.indicateurs}
    for code in CHIFFRES_CLES:
        indicateur = par_code[code]
        valeur, origine = indicateur.afficher(), "calculé depuis l'inventaire"
        if code in retenues:
            ligne, retenue = retenues[code]
            valeur, origine = ligne.afficher(retenue.valeur), retenue.origine
        chiffres.append(
            {"libelle": indicateur.libelle, "valeur": valeur, "annee": annee, "origine": origine}
        )
    return chiffres


def _prochaine_echeance(fiches: list[dict], aujourdhui: datetime.date) -> dict | None:
    """La plus proche échéance à venir : une action à mettre en œuvre ou la fin d'une fiche."""
    echeances = []
    for fiche in fiches:
        if fiche["statut"] in (StatutFiche.REALISEE, StatutFiche.ABANDONNEE):
            continue
        for action in fiche["sous_actions"]:
            if not action["fait"] and action["echeance"] and action["echeance"] >= aujourdhui:
                echeances.append(
                    (
                        action["echeance"],
                        formats.date_courte(action["echeance"]),
                        f"{action['quoi']} (fiche {fiche['numero']})",
                    )
                )
        fin = fiche["fin"]  # au mois près
        if fin >= aujourdhui.replace(day=1):
            echeances.append(
                (
                    fin,
                    formats.mois_annee(fin),
                    f"fin de la fiche {fiche['numero']} : {fiche['titre']}",
                )
            )
    if not echeances:
        return None
    _date, quand, libelle = min(echeances, key=lambda e: e[0])
    return {"quand": quand, "libelle": libelle}


def _maturite(collectivite) -> dict | None:
    campagne = derniere_campagne_cloturee(collectivite)
    if campagne is None:
        return None
    resultats = resultats_campagne(campagne)
    if resultats.note_globale is None:
        return None
    ecart = resultats.ecart_global
    if ecart is None:
        tendance = "première campagne"
    elif ecart > 0:
        tendance = f"en hausse de {formats.nombre(ecart, 1)} depuis {resultats.precedente.titre}"
    elif ecart < 0:
        tendance = f"en baisse de {formats.nombre(-ecart, 1)} depuis {resultats.precedente.titre}"
    else:
        tendance = f"stable depuis {resultats.precedente.titre}"
    return {
        "note": formats.nombre(resultats.note_globale, 1),
        "campagne": campagne.titre,
        "date": campagne.date,
        "tendance": tendance,
    }


def synthese_elus(*, collectivite, fiches: list[dict], aujourdhui: datetime.date, axes) -> dict:
    """Le contenu de la page de synthèse ; `fiches` est celles de la version montrée."""
    annee = aujourdhui.year - 1
    parc = parc_synthese(collectivite, annee)
    tableau = indicateurs_suivis_tableau(collectivite, annee_courante=aujourdhui.year)
    retenues = _valeurs_retenues(tableau, annee)
    budget = budget_consolide(fiches)
    par_axe = {axe.numero: 0 for axe in axes}
    for fiche in fiches:
        par_axe[fiche["axe"]] = par_axe.get(fiche["axe"], 0) + 1
    return {
        "annee": annee,
        "maturite": _maturite(collectivite),
        "chiffres": [] if parc.vide else _chiffres(parc, retenues, annee),
        "verdicts": [
            v
            for fonction in VERDICTS
            if (
                v := fonction(
                    collectivite=collectivite,
                    annee=annee,
                    parc=parc,
                    retenues={code: r for code, (_l, r) in retenues.items()},
                )
            )
            is not None
        ],
        "engagements": {
            "fiches": len(fiches),
            "par_axe": [(axe, par_axe.get(axe.numero, 0)) for axe in axes],
            "budget": formats.montant(budget["total"]),
        },
        "echeance": _prochaine_echeance(fiches, aujourdhui),
        "echeances_legales": collectivite.echeances_reen(aujourdhui),
    }
