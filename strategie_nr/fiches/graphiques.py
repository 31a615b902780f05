"""Graphiques SVG de la feuille de route, rendus côté serveur.

Fonctions pures : elles prennent les données des sélecteurs (`donnees_matrice`, `donnees_gantt`,
`fiches_par_axe`) et renvoient une chaîne SVG autonome (titre et description pour les lecteurs
d'écran, aucune feuille de style externe), utilisable telle quelle dans une page ou un PDF.
"""

import datetime
from itertools import count
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

from .enums import LIBELLES_DIFFICULTE, LIBELLES_PRIORITE

MOIS_COURTS = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]

# Couleurs des statuts : contraste d'au moins 3:1 sur blanc (éléments graphiques, WCAG 1.4.11).
COULEURS_STATUT = {
    "a_venir": "#5a6470",
    "en_cours": "#0a4ca0",
    "realisee": "#146c2e",
    "en_pause": "#8a5a00",
    "abandonnee": "#6b6b6b",
    "en_retard": "#b00020",
}
POLICE = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
_identifiants = count(1)


def _texte(valeur) -> str:
    return escape(str(valeur), {'"': "&quot;"})


def _ouvrir(largeur: int, hauteur: int, titre: str, description: str, prefixe: str) -> list[str]:
    ident = f"{prefixe}-{next(_identifiants)}"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {largeur} {hauteur}" '
        f'width="{largeur}" height="{hauteur}" role="img" class="graphique" '
        f'aria-labelledby="{ident}-t {ident}-d" font-family="{POLICE}">',
        f'<title id="{ident}-t">{_texte(titre)}</title>',
        f'<desc id="{ident}-d">{_texte(description)}</desc>',
    ]


def _abreger(texte: str, longueur: int) -> str:
    """Coupe un titre trop long entre deux mots (jamais au milieu d'un mot), avec « … »."""
    if len(texte) <= longueur:
        return texte
    debut = texte[: longueur - 1]
    espace = debut.rfind(" ")
    if espace >= longueur // 2:
        debut = debut[:espace]
    return debut.rstrip(" ,;:–-") + "…"


def _legende(x: float, y: float, elements: list[tuple[str, str]]) -> list[str]:
    """Une ligne de légende : un carré de couleur puis son libellé, pour chaque élément."""
    morceaux = []
    for couleur, libelle in elements:
        morceaux.append(
            f'<rect x="{x:.0f}" y="{y - 10:.0f}" width="12" height="12" fill="{couleur}" '
            'stroke="#5a6470" stroke-width="0.5"/>'
            f'<text x="{x + 16:.0f}" y="{y:.0f}" font-size="11" fill="#1f1f1f">'
            f"{_texte(libelle)}</text>"
        )
        x += 24 + 6.5 * len(libelle)
    return morceaux


def matrice_svg(cases: dict[tuple[int, int], list[dict]]) -> SafeString:
    """Matrice priorité (lignes, prioritaire en haut) × difficulté (colonnes, facile à gauche)."""
    cote, marge_g, marge_h = 150, 130, 40
    largeur, hauteur = marge_g + 3 * cote + 10, marge_h + 3 * cote + 76
    total = sum(len(f) for f in cases.values())
    description = "; ".join(
        f"priorité {LIBELLES_PRIORITE[p].lower()}, difficulté {LIBELLES_DIFFICULTE[d].lower()} : "
        f"{len(cases.get((p, d), []))} fiche(s)"
        for p in (3, 2, 1)
        for d in (1, 2, 3)
    )
    svg = _ouvrir(
        largeur,
        hauteur,
        f"Matrice de priorisation : {total} fiche(s) selon leur priorité et leur difficulté",
        description,
        "matrice",
    )
    for ligne, priorite in enumerate((3, 2, 1)):
        y = marge_h + ligne * cote
        svg.append(
            f'<text x="{marge_g - 8}" y="{y + cote / 2}" text-anchor="end" font-size="13" '
            f'fill="#1f1f1f">{_texte(LIBELLES_PRIORITE[priorite])}</text>'
        )
        for colonne, difficulte in enumerate((1, 2, 3)):
            x = marge_g + colonne * cote
            fiches = cases.get((priorite, difficulte), [])
            # Les « quick wins » (prioritaire et facile) ressortent plus foncés.
            fond = "#dbe8f7" if priorite - difficulte >= 1 else "#f2f4f7"
            svg.append(
                f'<rect x="{x}" y="{y}" width="{cote}" height="{cote}" fill="{fond}" '
                'stroke="#5a6470" stroke-width="1"/>'
            )
            svg.append(
                f'<text x="{x + cote / 2}" y="{y + 42}" text-anchor="middle" font-size="28" '
                f'font-weight="700" fill="#0a2f66">{len(fiches)}</text>'
            )
            if fiches and all(fiche.get("numero") for fiche in fiches):
                # Les numéros des fiches, quatre par ligne ; la clé est à côté du graphique.
                numeros = [fiche["numero"] for fiche in fiches]
                if len(numeros) > 16:
                    numeros = numeros[:15] + [f"+{len(numeros) - 15}"]
                for n in range(0, len(numeros), 4):
                    svg.append(
                        f'<text x="{x + cote / 2}" y="{y + 68 + n // 4 * 18}" font-size="12" '
                        f'text-anchor="middle" fill="#1f1f1f">'
                        f"{_texte(' · '.join(numeros[n : n + 4]))}</text>"
                    )
                continue
            for n, fiche in enumerate(fiches[:4]):
                svg.append(
                    f'<text x="{x + 8}" y="{y + 68 + n * 18}" font-size="11" fill="#1f1f1f">'
                    f"{_texte(_abreger(fiche['titre'], 24))}</text>"
                )
            if len(fiches) > 4:
                svg.append(
                    f'<text x="{x + 8}" y="{y + 68 + 4 * 18}" font-size="11" fill="#1f1f1f">'
                    f"et {len(fiches) - 4} autre(s)</text>"
                )
    for colonne, difficulte in enumerate((1, 2, 3)):
        svg.append(
            f'<text x="{marge_g + colonne * cote + cote / 2}" y="{marge_h + 3 * cote + 20}" '
            f'text-anchor="middle" font-size="13" fill="#1f1f1f">'
            f"{_texte(LIBELLES_DIFFICULTE[difficulte])}</text>"
        )
    svg.append(
        f'<text x="{marge_g + 1.5 * cote}" y="{hauteur - 34}" text-anchor="middle" '
        'font-size="13" font-weight="600" fill="#1f1f1f">Difficulté de mise en œuvre</text>'
    )
    svg += _legende(
        10,
        hauteur - 8,
        [
            ("#dbe8f7", "plus prioritaire que difficile : à lancer d'abord"),
            ("#f2f4f7", "autres cases ; le chiffre compte les fiches"),
        ],
    )
    svg.append(
        f'<text x="{marge_g - 8}" y="24" text-anchor="end" font-size="13" font-weight="600" '
        'fill="#1f1f1f">Priorité</text>'
    )
    svg.append("</svg>")
    return mark_safe("".join(svg))


def _libelle_mois(mois: datetime.date) -> str:
    return f"{MOIS_COURTS[mois.month - 1]} {mois.year}"


LEGENDE = 30


def _legende_statuts(barres: list[dict], bas: float) -> str:
    """La légende des couleurs des statuts présents, sous le calendrier, avec la ligne du mois
    en cours."""
    vus = list(dict.fromkeys((b["statut"], b["statut_libelle"]) for b in barres))
    morceaux, x, y = ['<g class="legende">'], 10, bas - 10
    for statut, libelle in vus:
        couleur = COULEURS_STATUT.get(statut, "#5a6470")
        morceaux.append(
            f'<rect x="{x}" y="{y - 10}" width="14" height="12" rx="2" fill="{couleur}"/>'
            f'<text x="{x + 18}" y="{y}" font-size="11" fill="#1f1f1f">{_texte(libelle)}</text>'
        )
        x += 28 + 7 * len(libelle)
    morceaux.append(
        f'<line x1="{x}" y1="{y - 11}" x2="{x}" y2="{y + 2}" stroke="#1f1f1f" stroke-width="2" '
        f'stroke-dasharray="4 3"/><text x="{x + 6}" y="{y}" font-size="11" fill="#1f1f1f">'
        "mois en cours</text></g>"
    )
    return "".join(morceaux)


def gantt_svg(donnees: dict) -> SafeString:
    """Diagramme de Gantt au mois : une barre par fiche, colorée selon son statut."""
    mois, barres = donnees["mois"], donnees["barres"]
    marge_g, ligne, entete = 260, 24, 46
    colonne = max(14, min(48, 640 // max(len(mois), 1)))
    largeur = marge_g + colonne * max(len(mois), 1) + 10
    bas_grille = entete + ligne * max(len(barres), 1)
    hauteur = bas_grille + 10 + (LEGENDE if barres else 0)
    if not barres:
        svg = _ouvrir(
            largeur, 60, "Calendrier des fiches actions", "Aucune fiche à afficher.", "gantt"
        )
        svg.append('<text x="10" y="35" font-size="13">Aucune fiche à afficher.</text></svg>')
        return mark_safe("".join(svg))
    description = "; ".join(
        f"{b['titre']} : de {_libelle_mois(b['debut'])} à {_libelle_mois(b['fin'])}, "
        f"{b['statut_libelle'].lower()}"
        for b in barres
    )
    svg = _ouvrir(
        largeur,
        hauteur,
        f"Calendrier des fiches actions, de {_libelle_mois(mois[0])} à {_libelle_mois(mois[-1])}",
        description,
        "gantt",
    )
    index = {m: n for n, m in enumerate(mois)}
    pas = max(1, 40 // colonne + (1 if colonne < 24 else 0))
    for n, m in enumerate(mois):
        x = marge_g + n * colonne
        trait = "#8a8f96" if m.month == 1 else "#d5d9de"
        svg.append(
            f'<line x1="{x}" y1="{entete - 6}" x2="{x}" y2="{bas_grille}" stroke="{trait}"/>'
        )
        if n % pas == 0 or m.month == 1:
            svg.append(
                f'<text x="{x + 2}" y="{entete - 26 if m.month == 1 else entete - 10}" '
                f'font-size="10" fill="#1f1f1f">'
                f"{_texte(str(m.year) if m.month == 1 else MOIS_COURTS[m.month - 1])}</text>"
            )
    for n, barre in enumerate(barres):
        y = entete + n * ligne
        # Le statut est écrit, pas seulement montré par la couleur (WCAG 1.4.1).
        libelle = (
            f"Fiche {barre['numero']} — {barre['statut_libelle'].lower()}"
            if barre.get("numero")
            else _abreger(barre["titre"], 40)
        )
        svg.append(
            f'<text x="{marge_g - 8}" y="{y + 16}" text-anchor="end" font-size="11" '
            f'fill="#1f1f1f">{_texte(libelle)}</text>'
        )
        debut, fin = index[barre["debut"]], index[barre["fin"]]
        couleur = COULEURS_STATUT.get(barre["statut"], "#5a6470")
        svg.append(
            f'<rect class="barre" x="{marge_g + debut * colonne + 1}" y="{y + 5}" '
            f'width="{(fin - debut + 1) * colonne - 2}" height="{ligne - 10}" rx="3" '
            f'fill="{couleur}"><title>{_texte(barre["titre"])} — '
            f"{_texte(barre['statut_libelle'])}</title></rect>"
        )
    if donnees.get("aujourdhui") in index:
        x = marge_g + index[donnees["aujourdhui"]] * colonne + colonne / 2
        svg.append(
            f'<line x1="{x}" y1="{entete - 4}" x2="{x}" y2="{bas_grille}" stroke="#1f1f1f" '
            'stroke-width="2" stroke-dasharray="4 3"><title>Mois en cours</title></line>'
        )
    svg.append(_legende_statuts(barres, hauteur - 4))
    svg.append("</svg>")
    return mark_safe("".join(svg))


def barres_axes_svg(par_axe: list[dict], conseil=(15, 20)) -> SafeString:
    """Nombre de fiches par axe, et le total face au conseil de l'ANCT (15 à 20 leviers)."""
    hauteur_barre, marge_g = 26, 60
    maximum = max([ligne["nombre"] for ligne in par_axe] + [1])
    echelle = 360 / maximum
    total = sum(ligne["nombre"] for ligne in par_axe)
    hauteur = 20 + hauteur_barre * len(par_axe) + 30
    svg = _ouvrir(
        marge_g + 420,
        hauteur,
        f"Fiches par axe : {total} au total (conseil de l'ANCT : {conseil[0]} à {conseil[1]})",
        "; ".join(f"axe {ligne['axe'].numero} : {ligne['nombre']}" for ligne in par_axe),
        "axes",
    )
    for n, ligne in enumerate(par_axe):
        y = 10 + n * hauteur_barre
        svg.append(
            f'<text x="{marge_g - 8}" y="{y + 17}" text-anchor="end" font-size="12" '
            f'fill="#1f1f1f">Axe {ligne["axe"].numero}</text>'
        )
        largeur = ligne["nombre"] * echelle
        svg.append(
            f'<rect x="{marge_g}" y="{y + 4}" width="{largeur}" height="{hauteur_barre - 8}" '
            'fill="#0a4ca0"/>'
        )
        svg.append(
            f'<text x="{marge_g + largeur + 6}" y="{y + 17}" font-size="12" fill="#1f1f1f">'
            f"{ligne['nombre']}</text>"
        )
    svg.append(
        f'<text x="{marge_g}" y="{hauteur - 8}" font-size="12" fill="#1f1f1f">Total : {total} '
        f"fiche(s) — conseil de l'ANCT : {conseil[0]} à {conseil[1]} leviers</text></svg>"
    )
    return mark_safe("".join(svg))
