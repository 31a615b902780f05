"""Radar de maturité en SVG, rendu côté serveur : le même pour la page et pour le PDF.

Sur un petit écran, le SVG est réduit d'environ moitié et ses libellés deviendraient illisibles
(6 px) : la feuille de style de l'application (`.radar` dans `static/css/app.css`) y remplace
alors les libellés des dimensions par leur numéro en gros caractères, le tableau des notes placé
à côté servant de légende ; les graduations 1 à 5 sont dites dans la légende de la figure. Sans
cette feuille (PDF), les numéros restent masqués par leur attribut `display`.
"""

import math
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

LARGEUR, HAUTEUR = 620, 400
CENTRE_X, CENTRE_Y = LARGEUR / 2, HAUTEUR / 2 + 6
RAYON = 130
MAXIMUM = 5
TAILLE_NUMERO = 26  # ≈ 14 px à l'écran quand le radar tient dans 343 px de large


def _point(rang: int, nombre: int, valeur: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * rang / nombre
    distance = RAYON * valeur / MAXIMUM
    return CENTRE_X + distance * math.cos(angle), CENTRE_Y + distance * math.sin(angle)


def _polygone(valeurs: list, classe: str, couleur: str, tirets: str = "") -> str:
    """Relie les dimensions notées ; une dimension sans note n'a pas de sommet."""
    nombre = len(valeurs)
    points = " ".join(
        f"{x:.1f},{y:.1f}"
        for x, y in (_point(r, nombre, float(v)) for r, v in enumerate(valeurs) if v is not None)
    )
    pointille = f' stroke-dasharray="{tirets}"' if tirets else ""
    return (
        f'<polygon class="{classe}" points="{points}" fill="{couleur}" fill-opacity="0.18" '
        f'stroke="{couleur}" stroke-width="2"{pointille}/>'
    )


def _texte(valeur: Decimal | None) -> str:
    return "non notée" if valeur is None else f"{valeur:.1f}".replace(".", ",")


def radar_svg(
    libelles: list[str],
    valeurs: list[Decimal | None],
    precedentes: list[Decimal | None] | None = None,
    *,
    identifiant: str = "radar-maturite",
    titre: str = "Notes de maturité par dimension",
    numeros: list[int] | None = None,
) -> SafeString:
    """Radar sur l'échelle 1–5 ; une dimension non notée n'a pas de sommet et est dite telle.

    `numeros` : le numéro de chaque dimension (1, 2, … par défaut), écrit à la place de son
    libellé sur un petit écran."""
    nombre = len(libelles)
    numeros = numeros or list(range(1, nombre + 1))
    morceaux = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" '
            'class="graphique radar" role="img" aria-labelledby="{}-titre {}-desc" '
            'font-family="DejaVu Sans, sans-serif" font-size="11">',
            LARGEUR,
            HAUTEUR,
            LARGEUR,
            HAUTEUR,
            identifiant,
            identifiant,
        ),
        format_html('<title id="{}-titre">{}</title>', identifiant, titre),
    ]
    description = "; ".join(
        f"{libelle} : {_texte(valeur)}"
        + (f" (précédente : {_texte(precedentes[rang])})" if precedentes is not None else "")
        for rang, (libelle, valeur) in enumerate(zip(libelles, valeurs, strict=True))
    )
    morceaux.append(format_html('<desc id="{}-desc">{}</desc>', identifiant, description))
    for niveau in range(1, MAXIMUM + 1):
        anneau = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (_point(r, nombre, niveau) for r in range(nombre))
        )
        morceaux.append(
            f'<polygon points="{anneau}" fill="none" stroke="#b0b0b0" stroke-width="1"/>'
        )
        x, y = _point(0, nombre, niveau)
        morceaux.append(
            f'<text class="graduation" x="{x + 4:.1f}" y="{y + 4:.1f}" fill="#444">{niveau}</text>'
        )
    for rang, libelle in enumerate(libelles):
        x, y = _point(rang, nombre, MAXIMUM)
        morceaux.append(
            f'<line x1="{CENTRE_X}" y1="{CENTRE_Y}" x2="{x:.1f}" y2="{y:.1f}" stroke="#b0b0b0"/>'
        )
        lx, ly = _point(rang, nombre, MAXIMUM + 0.6)
        ancre = "middle" if abs(lx - CENTRE_X) < 20 else ("start" if lx > CENTRE_X else "end")
        mots = libelle.split()
        lignes = [" ".join(mots[i : i + 3]) for i in range(0, len(mots), 3)]
        tspans = "".join(
            f'<tspan x="{lx:.1f}" dy="{0 if i == 0 else 13}">{escape(ligne)}</tspan>'
            for i, ligne in enumerate(lignes)
        )
        morceaux.append(
            f'<text class="libelle" x="{lx:.1f}" y="{ly - 6 * (len(lignes) - 1):.1f}" '
            f'text-anchor="{ancre}" fill="#1e1e1e">{tspans}</text>'
        )
        nx, ny = _point(rang, nombre, MAXIMUM + 0.45)
        morceaux.append(
            f'<text class="numero" display="none" x="{nx:.1f}" y="{ny + TAILLE_NUMERO / 3:.1f}" '
            f'text-anchor="middle" font-size="{TAILLE_NUMERO}" font-weight="bold" '
            f'fill="#1e1e1e">{numeros[rang]}</text>'
        )
    if precedentes is not None:
        morceaux.append(_polygone(precedentes, "precedente", "#6a6a6a", "5 4"))
    morceaux.append(_polygone(valeurs, "actuelle", "#000091"))
    morceaux.append("</svg>")
    return mark_safe("".join(str(m) for m in morceaux))
