"""Diagramme de Gantt au mois : une barre colorée par élément, la légende des couleurs et la
ligne du mois en cours."""

import datetime

from django.utils.safestring import SafeString

from .svg import ENCRE, POLICE_SYSTEME, abreger, entete, fermer, ligne_de_legende, texte

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
LEGENDE = 30


def mois_court(mois: datetime.date) -> str:
    """« janv. 2025 »."""
    return f"{MOIS_COURTS[mois.month - 1]} {mois.year}"


def _legende(elements: list[tuple[str, str]], bas: float) -> str:
    """La légende des couleurs, sous le calendrier, avec la ligne du mois en cours."""
    y = bas - 10
    cases, x = ligne_de_legende(
        10, y, elements, case=14, arrondi=2, contour=False, blanc=14, par_lettre=7
    )
    return (
        '<g class="legende">'
        + "".join(cases)
        + f'<line x1="{x:.0f}" y1="{y - 11:.0f}" x2="{x:.0f}" y2="{y + 2:.0f}" stroke="{ENCRE}" '
        f'stroke-width="2" stroke-dasharray="4 3"/><text x="{x + 6:.0f}" y="{y:.0f}" '
        f'font-size="11" fill="{ENCRE}">mois en cours</text></g>'
    )


def gantt(
    mois: list[datetime.date],
    barres: list[dict],
    *,
    aujourdhui: datetime.date | None,
    legende: list[tuple[str, str]],
    identifiant: str,
    titre: str,
    description: str,
    vide: str,
) -> SafeString:
    """Une ligne par barre : `libelle` (coupé à 40 caractères) à gauche, puis la barre de
    `debut` à `fin` (deux mois de `mois`), de `couleur`, avec `infobulle` pour titre ;
    `legende` : (couleur, libellé) de chaque couleur présente. Sans barre, `vide` est écrit."""
    marge_g, ligne, entete_h = 260, 24, 46
    colonne = max(14, min(48, 640 // max(len(mois), 1)))
    largeur = marge_g + colonne * max(len(mois), 1) + 10
    if not barres:
        svg = entete(
            largeur,
            60,
            identifiant=identifiant,
            titre=titre,
            description=vide,
            police=POLICE_SYSTEME,
            taille=None,
        )
        svg.append(f'<text x="10" y="35" font-size="13">{texte(vide)}</text>')
        return fermer(svg)
    bas_grille = entete_h + ligne * len(barres)
    hauteur = bas_grille + 10 + LEGENDE
    svg = entete(
        largeur,
        hauteur,
        identifiant=identifiant,
        titre=titre,
        description=description,
        police=POLICE_SYSTEME,
        taille=None,
    )
    index = {m: n for n, m in enumerate(mois)}
    pas = max(1, 40 // colonne + (1 if colonne < 24 else 0))
    for n, m in enumerate(mois):
        x = marge_g + n * colonne
        trait = "#8a8f96" if m.month == 1 else "#d5d9de"
        svg.append(
            f'<line x1="{x}" y1="{entete_h - 6}" x2="{x}" y2="{bas_grille}" stroke="{trait}"/>'
        )
        if n % pas == 0 or m.month == 1:
            svg.append(
                f'<text x="{x + 2}" y="{entete_h - 26 if m.month == 1 else entete_h - 10}" '
                f'font-size="10" fill="{ENCRE}">'
                f"{texte(str(m.year) if m.month == 1 else MOIS_COURTS[m.month - 1])}</text>"
            )
    for n, barre in enumerate(barres):
        y = entete_h + n * ligne
        svg.append(
            f'<text x="{marge_g - 8}" y="{y + 16}" text-anchor="end" font-size="11" '
            f'fill="{ENCRE}">{texte(abreger(barre["libelle"], 40))}</text>'
        )
        debut, fin = index[barre["debut"]], index[barre["fin"]]
        svg.append(
            f'<rect class="barre" x="{marge_g + debut * colonne + 1}" y="{y + 5}" '
            f'width="{(fin - debut + 1) * colonne - 2}" height="{ligne - 10}" rx="3" '
            f'fill="{barre["couleur"]}"><title>{texte(barre["infobulle"])}</title></rect>'
        )
    if aujourdhui in index:
        x = marge_g + index[aujourdhui] * colonne + colonne / 2
        svg.append(
            f'<line x1="{x}" y1="{entete_h - 4}" x2="{x}" y2="{bas_grille}" stroke="{ENCRE}" '
            'stroke-width="2" stroke-dasharray="4 3"><title>Mois en cours</title></line>'
        )
    svg.append(_legende(legende, hauteur - 4))
    return fermer(svg)
