"""Radar : une branche par libellé sur une échelle de 1 à `maximum`, une ou deux séries.

Sur un petit écran, le SVG est réduit d'environ moitié et ses libellés deviendraient illisibles
(6 px) : la feuille de style de l'application (`.radar` dans `static/css/app.css`) y remplace
alors les libellés par leur numéro en gros caractères, le tableau des valeurs placé à côté
servant de légende. Sans cette feuille (PDF), les numéros restent masqués par leur attribut
`display`.
"""

import math
from decimal import Decimal

from django.utils.safestring import SafeString

from .svg import BLEU, ENCRE, entete, fermer, texte

LARGEUR, HAUTEUR = 620, 400
CENTRE_X, CENTRE_Y = LARGEUR / 2, HAUTEUR / 2 + 6
RAYON = 130
TAILLE_NUMERO = 26  # ≈ 14 px à l'écran quand le radar tient dans 343 px de large


def _point(rang: int, nombre: int, valeur: float, maximum: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * rang / nombre
    distance = RAYON * valeur / maximum
    return CENTRE_X + distance * math.cos(angle), CENTRE_Y + distance * math.sin(angle)


def _polygone(valeurs: list, maximum: int, classe: str, couleur: str, tirets: str = "") -> str:
    """Relie les branches notées ; une branche sans valeur n'a pas de sommet."""
    nombre = len(valeurs)
    points = " ".join(
        f"{x:.1f},{y:.1f}"
        for x, y in (
            _point(r, nombre, float(v), maximum) for r, v in enumerate(valeurs) if v is not None
        )
    )
    pointille = f' stroke-dasharray="{tirets}"' if tirets else ""
    return (
        f'<polygon class="{classe}" points="{points}" fill="{couleur}" fill-opacity="0.18" '
        f'stroke="{couleur}" stroke-width="2"{pointille}/>'
    )


def radar(
    libelles: list[str],
    valeurs: list[Decimal | None],
    precedentes: list[Decimal | None] | None = None,
    *,
    identifiant: str,
    titre: str,
    description: str,
    numeros: list[int] | None = None,
    maximum: int = 5,
) -> SafeString:
    """`valeurs` en trait plein, `precedentes` (facultatives) en pointillés gris ; `numeros` :
    le numéro de chaque branche (1, 2, … par défaut), écrit à la place de son libellé sur un
    petit écran."""
    nombre = len(libelles)
    numeros = numeros or list(range(1, nombre + 1))
    morceaux = entete(
        LARGEUR,
        HAUTEUR,
        identifiant=identifiant,
        titre=titre,
        description=description,
        classe="graphique radar",
    )
    for niveau in range(1, maximum + 1):
        anneau = " ".join(
            f"{x:.1f},{y:.1f}"
            for x, y in (_point(r, nombre, niveau, maximum) for r in range(nombre))
        )
        morceaux.append(
            f'<polygon points="{anneau}" fill="none" stroke="#b0b0b0" stroke-width="1"/>'
        )
        x, y = _point(0, nombre, niveau, maximum)
        morceaux.append(
            f'<text class="graduation" x="{x + 4:.1f}" y="{y + 4:.1f}" fill="#444">{niveau}</text>'
        )
    for rang, libelle in enumerate(libelles):
        x, y = _point(rang, nombre, maximum, maximum)
        morceaux.append(
            f'<line x1="{CENTRE_X}" y1="{CENTRE_Y}" x2="{x:.1f}" y2="{y:.1f}" stroke="#b0b0b0"/>'
        )
        lx, ly = _point(rang, nombre, maximum + 0.6, maximum)
        ancre = "middle" if abs(lx - CENTRE_X) < 20 else ("start" if lx > CENTRE_X else "end")
        mots = libelle.split()
        lignes = [" ".join(mots[i : i + 3]) for i in range(0, len(mots), 3)]
        tspans = "".join(
            f'<tspan x="{lx:.1f}" dy="{0 if i == 0 else 13}">{texte(ligne)}</tspan>'
            for i, ligne in enumerate(lignes)
        )
        morceaux.append(
            f'<text class="libelle" x="{lx:.1f}" y="{ly - 6 * (len(lignes) - 1):.1f}" '
            f'text-anchor="{ancre}" fill="{ENCRE}">{tspans}</text>'
        )
        nx, ny = _point(rang, nombre, maximum + 0.45, maximum)
        morceaux.append(
            f'<text class="numero" display="none" x="{nx:.1f}" y="{ny + TAILLE_NUMERO / 3:.1f}" '
            f'text-anchor="middle" font-size="{TAILLE_NUMERO}" font-weight="bold" '
            f'fill="{ENCRE}">{texte(numeros[rang])}</text>'
        )
    if precedentes is not None:
        morceaux.append(_polygone(precedentes, maximum, "precedente", "#6a6a6a", "5 4"))
    morceaux.append(_polygone(valeurs, maximum, "actuelle", BLEU))
    return fermer(morceaux)
