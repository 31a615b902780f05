"""Sections des documents (stratégie et bilan annuel), branchées sur les sélecteurs des domaines.

Chaque fonction `<section>_contexte(source)` lit son domaine, importé directement : les
documents sont au-dessus de tous les domaines ; une section sans données dit « pas encore
renseigné ».
"""

import datetime
from decimal import Decimal

from django.db.models import Q

from indicateurs.enums import Sens
from indicateurs.nombres import afficher
from indicateurs.selectors import (
    indicateurs_suivis_tableau,
    libelle_annee,
    objectifs_avancement,
)
from parc import conformite, mesures
from parc.graphiques import barres_svg, parts_svg
from parc.selectors import parc_synthese
from strategie_nr.diagnostic.graphiques import radar_svg
from strategie_nr.diagnostic.models import Campagne
from strategie_nr.diagnostic.selectors import derniere_campagne_cloturee, resultats_campagne
from strategie_nr.fiches.enums import StatutFiche
from strategie_nr.fiches.graphiques import gantt_svg, matrice_svg
from strategie_nr.fiches.models import statut_affiche
from strategie_nr.fiches.selectors import (
    budget_consolide,
    depenses_de_l_annee,
    donnees_gantt,
    donnees_matrice,
    fiches_par_axe,
)
from strategie_nr.programme.selectors import programme_de_travail

from .sections import BILAN, STRATEGIE, Section, Source, section_enregistrer

GABARITS = "strategie_nr/documents/sections/"


def legal_contexte(source: Source) -> dict:
    """Le cadre légal, avec les objectifs du référentiel (texte, année, valeur ou « à saisir ») :
    pour l'AGEC, la ligne en vigueur cette année et la trajectoire qui suit."""
    textes = conformite.textes_en_vigueur()
    annee = source.aujourdhui.year
    agec = []
    for objectif in textes["agec"]:
        en_vigueur = conformite.objectif_en_vigueur(
            [o for o in textes["agec"] if o.categorie_id == objectif.categorie_id], annee
        )
        if en_vigueur is None or objectif.annee >= en_vigueur.annee:
            agec.append(objectif)
    return {
        "renseigne": True,
        "reen": [
            (str(o.annee), afficher(o.taux, "pourcentage", 0), o.texte) for o in textes["reen"]
        ],
        "agec": [
            (
                o.categorie.libelle,
                str(o.annee),
                afficher(o.part_reemploi, "pourcentage", 0),
                afficher(o.part_recyclee, "pourcentage", 0),
                o.a_confirmer,
            )
            for o in agec
        ],
        "agec_texte": " ; ".join(sorted({o.texte for o in agec})),
    }


def programme_contexte(source: Source) -> dict:
    programme = programme_de_travail(source.collectivite)
    renseigne = bool(programme.parties_prenantes or programme.bilan or programme.actions_engagees)
    return {"renseigne": renseigne, "programme": programme}


def _resultats_et_radar(campagne, identifiant: str) -> dict:
    resultats = resultats_campagne(campagne)
    radar = radar_svg(
        [ligne.dimension.titre for ligne in resultats.dimensions],
        [ligne.note for ligne in resultats.dimensions],
        [ligne.note_precedente for ligne in resultats.dimensions] if resultats.precedente else None,
        identifiant=identifiant,
        titre=f"Notes de maturité par dimension — {campagne.titre}",
    )
    return {"resultats": resultats, "radar": radar}


def diagnostic_contexte(source: Source) -> dict:
    campagne = derniere_campagne_cloturee(source.collectivite)
    if campagne is None:
        return {"renseigne": False}
    return {"renseigne": True, **_resultats_et_radar(campagne, "radar-strategie")}


def _parc(source: Source, annee: int):
    cle = f"parc-{annee}"
    if cle not in source.cache:
        source.cache[cle] = parc_synthese(source.collectivite, annee)
    return source.cache[cle]


def _verdict(atteint, *, provisoire: bool = False) -> str:
    verdict = {True: "atteint", False: "non atteint"}.get(atteint, "pas de verdict")
    if provisoire and atteint is not None:
        # Une année pas finie n'a pas de verdict : seulement où elle en est.
        return f"{verdict} à ce jour (année en cours, provisoire)"
    return verdict


def controles_legaux(collectivite, annee: int) -> dict:
    """Les deux contrôles légaux d'une année : REEN art. 16 et AGEC art. 58, avec le texte
    appliqué, pour la stratégie et le bilan (déjà calculés avec la synthèse du parc)."""
    reen = conformite.reen(collectivite, annee)
    agec_parts = conformite.agec(collectivite, annee)
    provisoire = libelle_annee(annee) != str(annee)
    return {
        "annee": libelle_annee(annee),
        "reen": {
            "a": reen.a,
            "b": reen.b,
            "taux": afficher(reen.taux, "pourcentage", 1),
            "objectif": conformite.objectif_en_mots(reen.objectif and reen.objectif.taux),
            "verdict": _verdict(reen.atteint, provisoire=provisoire),
            "exclus": sum(reen.exclus.values()),
            "sans_engagement": reen.sans_engagement,
        },
        "agec": [
            {
                "categorie": part.categorie.libelle,
                "montant": part.montant_total,
                "reemploi": part.montant_reemploi,
                "part": afficher(part.part_reemploi, "pourcentage", 1),
                "objectif": afficher(part.objectif.part_reemploi, "pourcentage", 0)
                if part.objectif and part.objectif.part_reemploi is not None
                else "à saisir",
                "recyclee": afficher(part.part_recyclee, "pourcentage", 1),
                "verdict": _verdict(part.reemploi_atteint, provisoire=provisoire),
            }
            for part in agec_parts
        ],
        "textes": sorted({p.objectif.texte for p in agec_parts if p.objectif}),
    }


def parc_contexte(source: Source) -> dict:
    """Chiffres clés, graphiques, contrôle AGEC et empreinte avec sa version de facteurs, pour
    la dernière année close : jamais de verdict sur une année qui n'est pas finie."""
    annee = source.annee_close
    synthese = _parc(source, annee)
    if synthese.vide:
        return {"renseigne": False}
    empreinte = synthese.empreinte
    derniere = synthese.agec_serie[-1][1]
    return {
        "renseigne": True,
        "annee": str(annee),
        "chiffres": synthese.chiffres_cles(),
        "graphiques": [
            (
                titre := f"Équipements par type, fin {annee}",
                barres_svg(synthese.par_type, identifiant="pdf-parc-types", titre=titre),
            ),
            (
                titre := f"Âge des équipements, fin {annee}",
                barres_svg(synthese.pyramide, identifiant="pdf-parc-ages", titre=titre),
            ),
            (
                titre := "Matériel informatique et téléphonie : part des dépenses issue du "
                "réemploi (dons compris), par année",
                parts_svg(
                    [(a, part and part.part_reemploi) for a, part in synthese.agec_serie],
                    seuil=derniere and derniere.objectif and derniere.objectif.part_reemploi,
                    identifiant="pdf-parc-achats",
                    titre=titre,
                    libelle_seuil=f"objectif {annee}",
                ),
            ),
        ],
        "methodes": {"empreinte": mesures.METHODES["empreinte"]},
        # Les contrôles légaux portent sur la dernière année close.
        "controles": controles_legaux(source.collectivite, annee),
        "empreinte": {
            "total": afficher(empreinte.total_t, "tco2e", 1),
            "par_agent": afficher(synthese.empreinte_par_agent_kg, "nombre", 1)
            if synthese.empreinte_par_agent_kg is not None
            else None,
            "versions": ", ".join(empreinte.versions) or "—",
            "non_disponibles": [(str(t), q) for t, q in empreinte.non_disponibles],
        },
    }


def _tableau(source: Source) -> dict:
    """Le tableau des indicateurs suivis, calculé une fois par document."""
    if "tableau" not in source.cache:
        source.cache["tableau"] = indicateurs_suivis_tableau(
            source.collectivite, annee_courante=source.annee or source.aujourdhui.year
        )
    return source.cache["tableau"]


def _annee(valeur) -> str:
    return str(int(valeur)) if valeur else ""


def _objectif(ligne) -> dict:
    """Un objectif en mots : énoncé, cible, avancement et dernière valeur retenue."""
    objectif = ligne.objectif
    cible = ""
    if objectif.valeur_cible is not None and ligne.ligne is not None:
        cible = ligne.ligne.afficher(objectif.valeur_cible)
    return {
        "axe": objectif.axe_id,
        "enonce": objectif.enonce.rstrip(". "),
        "cible": cible,
        "annee_cible": _annee(objectif.annee_cible),
        "avancement": ligne.avancement_libelle,
        "valeur": ligne.ligne.afficher(ligne.valeur) if ligne.ligne and ligne.valeur else "",
        "annee": _annee(ligne.annee),
        "origine": _origine(ligne.ligne, ligne.annee) if ligne.ligne and ligne.annee else "",
    }


def _origine(ligne, annee: int) -> str:
    """« calculé depuis l'inventaire » ou « déclaré » : d'où vient la valeur retenue."""
    retenue = ligne.retenue(annee)
    return retenue.origine if retenue else ""


def _objectifs(source: Source) -> list[dict]:
    if "objectifs" not in source.cache:
        source.cache["objectifs"] = [
            _objectif(ligne)
            for ligne in objectifs_avancement(
                source.collectivite,
                tableau=_tableau(source),
                annee_courante=source.annee or source.aujourdhui.year,
                jusqu_a=source.annee_des_chiffres,
            )
        ]
    return source.cache["objectifs"]


def axes_contexte(source: Source) -> dict:
    objectifs = _objectifs(source)
    par_axe = fiches_par_axe(source.fiches, source.axes())
    for ligne in par_axe:
        ligne["objectifs"] = [o for o in objectifs if o["axe"] == ligne["axe"].pk]
    return {
        "renseigne": bool(source.fiches or objectifs),
        "par_axe": par_axe,
        "objectifs_renseignes": bool(objectifs),
        "matrice": matrice_svg(donnees_matrice(source.fiches)) if source.fiches else "",
        "fiches": source.fiches,
    }


def _indicateurs_des_fiches(fiches: list[dict]) -> list[dict]:
    return [
        {"fiche": fiche["titre"], "axe": fiche["axe"], **indicateur}
        for fiche in fiches
        for indicateur in fiche["indicateurs"]
    ]


def _suivi(ligne, jusqu_a: int) -> dict:
    derniere = ligne.derniere(jusqu_a)
    return {
        "libelle": ligne.definition.libelle,
        "axe": ligne.definition.axe.numero,
        "calcule": ligne.calcule,
        "base": (
            f"{ligne.afficher(base[1])} ({_annee(base[0])})" if (base := ligne.base()) else "—"
        ),
        "cibles": " ; ".join(
            f"{_annee(annee)} : {ligne.afficher(valeur)}" for annee, valeur in ligne.cibles.items()
        )
        or "—",
        "derniere": (
            f"{ligne.afficher(derniere[1])} ({_annee(derniere[0])}, {_origine(ligne, derniere[0])})"
            if derniere
            else "—"
        ),
        "methode": ligne.methode,
    }


def indicateurs_contexte(source: Source) -> dict:
    suivis = [_suivi(ligne, source.annee_close) for ligne in _tableau(source)["lignes"]]
    des_fiches = _indicateurs_des_fiches(source.fiches)
    return {
        "renseigne": bool(suivis or des_fiches),
        "suivis": suivis,
        "des_fiches": des_fiches,
    }


def calendrier_contexte(source: Source) -> dict:
    if not source.fiches:
        return {"renseigne": False}
    return {
        "renseigne": True,
        "gantt": gantt_svg(donnees_gantt(source.fiches, source.aujourdhui)),
        "fiches": source.fiches,
    }


def budget_contexte(source: Source) -> dict:
    budget = budget_consolide(source.fiches)
    lignes = [
        {
            "axe": axe,
            "jh": None,
            "etp": None,
            **budget["par_axe"][axe.numero],
            **budget["moyens_par_axe"].get(axe.numero, {}),
        }
        for axe in source.axes()
        if axe.numero in budget["par_axe"]
    ]
    return {"renseigne": bool(source.fiches), "budget": budget, "lignes": lignes}


def gouvernance_contexte(source: Source) -> dict:
    return {"renseigne": True, "version": source.version}


# --- Bilan annuel ---------------------------------------------------------------------------


def _fin_d_annee(source: Source) -> datetime.date:
    return min(source.aujourdhui, datetime.date(source.annee, 12, 31))


def _atteint(ligne, cible, mesure) -> str:
    if cible is None:
        return "sans cible"
    if mesure is None:
        return "non mesuré"
    atteint = mesure >= cible if ligne.definition.sens == Sens.HAUSSE else mesure <= cible
    return "oui" if atteint else "non"


def _cible_de_fiche(indicateur: dict, ligne, annee: int) -> dict:
    """La cible d'une fiche pour l'année, rapprochée de la mesure de l'indicateur suivi auquel
    la fiche la rattache ; sans rattachement, rien à comparer."""
    if ligne is None:
        return {**indicateur, "mesure": "—", "atteint": "non rattaché à un indicateur suivi"}
    mesure = ligne.valeur(annee)
    return {
        **indicateur,
        "cible": ligne.afficher(indicateur["valeur_cible"]),
        "mesure": ligne.afficher(mesure),
        "origine": _origine(ligne, annee),
        "atteint": _atteint(ligne, indicateur["valeur_cible"], mesure),
    }


def bilan_indicateurs_contexte(source: Source) -> dict:
    """Pour l'année : chaque indicateur qui a une cible ou une mesure, cible contre mesure."""
    lignes = []
    tableau = _tableau(source)["lignes"]
    for ligne in tableau:
        cible, mesure = ligne.cibles.get(source.annee), ligne.valeur(source.annee)
        if cible is None and mesure is None:
            continue
        lignes.append(
            {
                "libelle": ligne.definition.libelle,
                "cible": ligne.afficher(cible),
                "mesure": ligne.afficher(mesure),
                "origine": _origine(ligne, source.annee),
                "atteint": _atteint(ligne, cible, mesure),
                "methode": ligne.methode,
            }
        )
    par_suivi = {ligne.suivi.pk: ligne for ligne in tableau}
    cibles = [
        _cible_de_fiche(i, par_suivi.get(i.get("indicateur_suivi")), source.annee)
        for i in _indicateurs_des_fiches(source.fiches)
        if i.get("annee_cible") == source.annee
    ]
    objectifs = [o for o in _objectifs(source) if o["annee_cible"] in ("", str(source.annee))]
    return {
        "renseigne": bool(lignes or cibles or objectifs),
        "lignes": lignes,
        "cibles": cibles,
        "objectifs": objectifs,
        "annee": libelle_annee(source.annee, source.aujourdhui),
    }


def _dans_l_annee(fiche: dict, annee: int) -> bool:
    return fiche["debut"].year <= annee <= fiche["fin"].year


def bilan_actions_contexte(source: Source) -> dict:
    """Actions de l'année : réalisées, en cours, en retard (au 31 décembre ou à ce jour)."""
    date = _fin_d_annee(source)
    groupes = {"realisee": [], "en_cours": [], "en_retard": [], "autres": []}
    for fiche in source.fiches:
        if not _dans_l_annee(fiche, source.annee):
            continue
        code, libelle = statut_affiche(fiche["statut"], fiche["fin"], date)
        cle = code if code in groupes else "autres"
        groupes[cle].append({**fiche, "statut_bilan": libelle})
    return {
        "renseigne": any(groupes.values()),
        "date": date,
        "groupes": [
            ("Réalisées", groupes["realisee"]),
            ("En cours", groupes["en_cours"]),
            ("En retard", groupes["en_retard"]),
            ("À venir, en pause ou abandonnées", groupes["autres"]),
        ],
        "realisee": StatutFiche.REALISEE,
    }


def bilan_budget_contexte(source: Source) -> dict:
    depense = depenses_de_l_annee(source.version, source.annee) if source.version else {}
    lignes = []
    for fiche in source.fiches:
        prevu = sum(
            (b["montant"] for b in fiche["budgets"] if b["annee"] == source.annee), Decimal(0)
        )
        if prevu or fiche.get("lignee") in depense:
            lignes.append(
                {"titre": fiche["titre"], "prevu": prevu, "depense": depense.get(fiche["lignee"])}
            )
    return {
        "renseigne": bool(lignes),
        "lignes": lignes,
        "total_prevu": sum((ligne["prevu"] for ligne in lignes), Decimal(0)),
        "depenses_saisies": bool(depense),
    }


def bilan_parc_contexte(source: Source) -> dict:
    """Le parc fin de l'année précédente et fin de l'année du bilan."""
    avant, apres = _parc(source, source.annee - 1), _parc(source, source.annee)
    if avant.vide and apres.vide:
        return {"renseigne": False}
    lignes = [
        (
            "Équipements présents",
            afficher(Decimal(avant.quantite), "nombre"),
            afficher(Decimal(apres.quantite), "nombre"),
            mesures.METHODES["presents"],
        ),
        (
            "Taux de réemploi des matériels informatiques réformés (REEN art. 16, "
            "décret n° 2023-266)",
            afficher(avant.reen.taux, "pourcentage", 1),
            afficher(apres.reen.taux, "pourcentage", 1),
            conformite.METHODE_REEN,
        ),
        *(
            (
                f"{part_apres.categorie.libelle} : part issue du réemploi, dons compris "
                "(AGEC art. 58)",
                afficher(part_avant.part_reemploi, "pourcentage", 1),
                afficher(part_apres.part_reemploi, "pourcentage", 1),
                conformite.METHODE_AGEC,
            )
            for part_avant, part_apres in zip(avant.agec_parts, apres.agec_parts, strict=True)
        ),
    ]
    # Une ligne par chiffre : l'empreinte et la part AGEC sont des indicateurs du parc.
    anciens = {i.code: i for i in avant.indicateurs}
    for indicateur in apres.indicateurs:
        ancien = anciens[indicateur.code]
        if indicateur.valeur is not None or ancien.valeur is not None:
            lignes.append(
                (indicateur.libelle, ancien.afficher(), indicateur.afficher(), indicateur.methode)
            )
    methodes = list(dict.fromkeys(methode for *_l, methode in lignes))
    return {
        "renseigne": True,
        "lignes": [ligne[:3] for ligne in lignes],
        "methodes": methodes,
        "controles": controles_legaux(source.collectivite, source.annee),
        "avant": str(source.annee - 1),
        "apres": libelle_annee(source.annee, source.aujourdhui),
        "versions": ", ".join(apres.empreinte.versions) or "—",
    }


def bilan_maturite_contexte(source: Source) -> dict:
    campagne = (
        Campagne.objects.for_collectivite(source.collectivite)
        .cloturees()
        .filter(Q(cloturee_le__year=source.annee) | Q(date__year=source.annee))
        .order_by("-date", "-pk")
        .first()
    )
    if campagne is None:
        return {"renseigne": False}
    return {"renseigne": True, **_resultats_et_radar(campagne, "radar-bilan")}


for _section in (
    Section("legal", "Le cadre légal", legal_contexte, GABARITS + "legal.html"),
    Section("programme", "Programme de travail", programme_contexte, GABARITS + "programme.html"),
    Section(
        "diagnostic", "Diagnostic de maturité", diagnostic_contexte, GABARITS + "diagnostic.html"
    ),
    Section("parc", "Le parc informatique", parc_contexte, GABARITS + "parc.html"),
    Section("axes", "Objectifs et fiches actions par axe", axes_contexte, GABARITS + "axes.html"),
    Section(
        "indicateurs", "Indicateurs de suivi", indicateurs_contexte, GABARITS + "indicateurs.html"
    ),
    Section("calendrier", "Calendrier", calendrier_contexte, GABARITS + "calendrier.html"),
    Section("budget", "Budget et moyens", budget_contexte, GABARITS + "budget.html"),
    Section(
        "gouvernance", "Gouvernance et suivi", gouvernance_contexte, GABARITS + "gouvernance.html"
    ),
):
    section_enregistrer(STRATEGIE, _section)

for _section in (
    Section(
        "bilan_indicateurs",
        "Objectifs et indicateurs de l'année",
        bilan_indicateurs_contexte,
        GABARITS + "bilan_indicateurs.html",
    ),
    Section(
        "bilan_actions",
        "Avancement des actions",
        bilan_actions_contexte,
        GABARITS + "bilan_actions.html",
    ),
    Section(
        "bilan_budget",
        "Budget prévu et dépensé",
        bilan_budget_contexte,
        GABARITS + "bilan_budget.html",
    ),
    Section("bilan_parc", "Évolution du parc", bilan_parc_contexte, GABARITS + "bilan_parc.html"),
    Section(
        "bilan_maturite",
        "Évolution de la maturité",
        bilan_maturite_contexte,
        GABARITS + "diagnostic.html",
    ),
):
    section_enregistrer(BILAN, _section)
