"""Graphiques de la feuille de route : ce qu'ils montrent (matrice de priorisation, calendrier,
fiches par axe), à partir des données des sélecteurs (`donnees_matrice`, `donnees_gantt`,
`fiches_par_axe`) ; le dessin est celui de `strategie_nr.plateforme.graphiques` (SVG autonome,
titre et description pour les lecteurs d'écran), utilisable tel quel dans une page ou un PDF.
"""

from django.utils.safestring import SafeString

from strategie_nr.plateforme import graphiques
from strategie_nr.plateforme.graphiques import identifiant_numerote, mois_court

from .enums import LIBELLES_DIFFICULTE, LIBELLES_PRIORITE

# Couleurs des statuts : contraste d'au moins 3:1 sur blanc (éléments graphiques, WCAG 1.4.11).
COULEURS_STATUT = {
    "a_venir": "#5a6470",
    "en_cours": "#0a4ca0",
    "realisee": "#146c2e",
    "en_pause": "#8a5a00",
    "abandonnee": "#6b6b6b",
    "en_retard": "#b00020",
}
PRIORITES, DIFFICULTES = (3, 2, 1), (1, 2, 3)


def matrice_svg(cases: dict[tuple[int, int], list[dict]]) -> SafeString:
    """Matrice priorité (lignes, prioritaire en haut) × difficulté (colonnes, facile à gauche).
    Les « quick wins » (plus prioritaires que difficiles) ressortent plus foncés."""
    total = sum(len(f) for f in cases.values())
    description = "; ".join(
        f"priorité {LIBELLES_PRIORITE[p].lower()}, difficulté {LIBELLES_DIFFICULTE[d].lower()} : "
        f"{len(cases.get((p, d), []))} fiche(s)"
        for p in PRIORITES
        for d in DIFFICULTES
    )
    return graphiques.matrice(
        {
            (ligne, colonne): cases.get((priorite, difficulte), [])
            for ligne, priorite in enumerate(PRIORITES)
            for colonne, difficulte in enumerate(DIFFICULTES)
        },
        lignes=[LIBELLES_PRIORITE[p] for p in PRIORITES],
        colonnes=[LIBELLES_DIFFICULTE[d] for d in DIFFICULTES],
        en_avant={
            (ligne, colonne)
            for ligne, priorite in enumerate(PRIORITES)
            for colonne, difficulte in enumerate(DIFFICULTES)
            if priorite - difficulte >= 1
        },
        titre_lignes="Priorité",
        titre_colonnes="Difficulté de mise en œuvre",
        legende_en_avant="plus prioritaire que difficile : à lancer d'abord",
        legende_autres="autres cases ; le chiffre compte les fiches",
        identifiant=identifiant_numerote("matrice"),
        titre=f"Matrice de priorisation : {total} fiche(s) selon leur priorité et leur difficulté",
        description=description,
    )


def gantt_svg(donnees: dict) -> SafeString:
    """Diagramme de Gantt au mois : une barre par fiche, colorée selon son statut ; le statut
    est aussi écrit (« Fiche 3 — en cours »), pas seulement montré par la couleur (WCAG 1.4.1)."""
    mois, barres = donnees["mois"], donnees["barres"]
    titre = "Calendrier des fiches actions"
    if mois and barres:
        titre += f", de {mois_court(mois[0])} à {mois_court(mois[-1])}"
    return graphiques.gantt(
        mois,
        [
            {
                "libelle": (
                    f"Fiche {b['numero']} — {b['statut_libelle'].lower()}"
                    if b.get("numero")
                    else b["titre"]
                ),
                "debut": b["debut"],
                "fin": b["fin"],
                "couleur": COULEURS_STATUT.get(b["statut"], "#5a6470"),
                "infobulle": f"{b['titre']} — {b['statut_libelle']}",
            }
            for b in barres
        ],
        aujourdhui=donnees.get("aujourdhui"),
        legende=[
            (COULEURS_STATUT.get(statut, "#5a6470"), libelle)
            for statut, libelle in dict.fromkeys((b["statut"], b["statut_libelle"]) for b in barres)
        ],
        identifiant=identifiant_numerote("gantt"),
        titre=titre,
        description="; ".join(
            f"{b['titre']} : de {mois_court(b['debut'])} à {mois_court(b['fin'])}, "
            f"{b['statut_libelle'].lower()}"
            for b in barres
        ),
        vide="Aucune fiche à afficher.",
    )


def barres_axes_svg(par_axe: list[dict], conseil=(15, 20)) -> SafeString:
    """Nombre de fiches par axe, et le total face au conseil de l'ANCT (15 à 20 leviers)."""
    total = sum(ligne["nombre"] for ligne in par_axe)
    return graphiques.barres(
        [(f"Axe {ligne['axe'].numero}", ligne["nombre"]) for ligne in par_axe],
        identifiant=identifiant_numerote("axes"),
        titre=(
            f"Fiches par axe : {total} au total (conseil de l'ANCT : {conseil[0]} à {conseil[1]})"
        ),
        description="; ".join(f"axe {li['axe'].numero} : {li['nombre']}" for li in par_axe),
        largeur=480,
        marge=60,
        utile=360,
        hauteur_barre=26,
        haut=10,
        bas=40,
        ecart=8,
        taille=12,
        couleur="#0a4ca0",
        pied=(
            f"Total : {total} fiche(s) — conseil de l'ANCT : {conseil[0]} à {conseil[1]} leviers"
        ),
        police=graphiques.POLICE_SYSTEME,
    )
