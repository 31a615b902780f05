"""Graphique d'un indicateur en SVG (valeurs mesurées contre cibles), pour la page et le PDF."""

import math
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .enums import Unite
from .nombres import afficher
from .selectors import libelle_annee

LARGEUR, HAUTEUR = 520, 240
GAUCHE, DROITE, HAUT, BAS = 78, 16, 16, 34
BLEU, ORANGE, GRIS = "#000091", "#b34000", "#8a8a8a"
PROVISOIRE = "provisoire"


def _provisoire(annee: int, aujourdhui) -> bool:
    """L'année en cours : son point est creux et « provisoire » est écrit sous l'année."""
    return libelle_annee(annee, aujourdhui) != str(annee)


def graduations(minimum: float, maximum: float, nombre: int = 5) -> list[float]:
    """Graduations « rondes » (1, 2 ou 5 × 10^n) couvrant [minimum, maximum], zéro compris."""
    minimum, maximum = min(minimum, 0.0), max(maximum, 0.0)
    if maximum == minimum:
        maximum = minimum + 1
    brut = (maximum - minimum) / (nombre - 1)
    puissance = 10 ** math.floor(math.log10(brut))
    pas = next(m * puissance for m in (1, 2, 2.5, 5, 10) if m * puissance >= brut)
    debut = math.floor(minimum / pas) * pas
    valeurs, valeur = [], debut
    while valeur < maximum + pas * 0.999:
        valeurs.append(round(valeur, 10))
        valeur += pas
    return valeurs


def courbe_svg(
    *,
    annees: list[int],
    mesures: dict[int, Decimal],
    cibles: dict[int, Decimal],
    unite: str,
    precision: int = 0,
    identifiant: str,
    titre: str,
    aujourdhui=None,
) -> SafeString:
    """L'année en cours, dont les chiffres changeront encore, est dite « provisoire » en toutes
    lettres (sous l'année, dans la description) et son point est creux : pas seulement une
    couleur."""
    if unite == Unite.OUI_NON:
        return _oui_non_svg(
            annees=annees,
            mesures=mesures,
            cibles=cibles,
            identifiant=identifiant,
            titre=titre,
            aujourdhui=aujourdhui,
        )
    points = [float(v) for v in (*mesures.values(), *cibles.values()) if v is not None]
    echelle = graduations(min(points, default=0.0), max(points, default=1.0))
    bas_valeur, haut_valeur = echelle[0], echelle[-1]
    largeur_utile = LARGEUR - GAUCHE - DROITE
    hauteur_utile = HAUTEUR - HAUT - BAS
    pas_x = largeur_utile / max(len(annees), 1)

    def x(annee):
        return GAUCHE + pas_x * (annees.index(annee) + 0.5)

    def y(valeur):
        return HAUT + hauteur_utile * (
            1 - (float(valeur) - bas_valeur) / (haut_valeur - bas_valeur)
        )

    def texte(valeur):
        return afficher(Decimal(str(valeur)), unite, precision)

    description = " ; ".join(
        f"{libelle_annee(annee, aujourdhui)} : mesuré "
        + (texte(mesures[annee]) if annee in mesures else "non renseigné")
        + (f", cible {texte(cibles[annee])}" if annee in cibles else "")
        for annee in annees
    )
    morceaux = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LARGEUR} {HAUTEUR}" '
        f'width="{LARGEUR}" height="{HAUTEUR}" class="graphique" role="img" '
        f'aria-labelledby="{identifiant}-titre {identifiant}-desc" '
        'font-family="DejaVu Sans, sans-serif" font-size="11">',
        f'<title id="{identifiant}-titre">{escape(titre)}</title>',
        f'<desc id="{identifiant}-desc">{escape(description)}</desc>',
    ]
    for graduation in echelle:
        gy = y(graduation)
        morceaux.append(
            f'<line x1="{GAUCHE}" y1="{gy:.1f}" x2="{LARGEUR - DROITE}" y2="{gy:.1f}" '
            f'stroke="#dddddd"/>'
            f'<text x="{GAUCHE - 6}" y="{gy + 4:.1f}" text-anchor="end" fill="#3a3a3a">'
            f"{escape(texte(graduation))}</text>"
        )
    morceaux.append(
        f'<line x1="{GAUCHE}" y1="{HAUT}" x2="{GAUCHE}" y2="{HAUTEUR - BAS}" stroke="{GRIS}"/>'
    )
    for annee in annees:
        morceaux.append(
            f'<text x="{x(annee):.1f}" y="{HAUTEUR - BAS + 16}" text-anchor="middle" '
            f'fill="#3a3a3a">{annee}</text>'
        )
        if _provisoire(annee, aujourdhui):
            morceaux.append(
                f'<text x="{x(annee):.1f}" y="{HAUTEUR - BAS + 28}" text-anchor="middle" '
                f'font-size="10" fill="#3a3a3a">{PROVISOIRE}</text>'
            )
    suite = [a for a in annees if a in mesures and mesures[a] is not None]
    if len(suite) > 1:
        trace = " ".join(f"{x(a):.1f},{y(mesures[a]):.1f}" for a in suite)
        morceaux.append(
            f'<polyline points="{trace}" fill="none" stroke="{BLEU}" stroke-width="2"/>'
        )
    for annee in suite:
        plein = "#ffffff" if _provisoire(annee, aujourdhui) else BLEU
        morceaux.append(
            f'<circle cx="{x(annee):.1f}" cy="{y(mesures[annee]):.1f}" r="4" fill="{plein}" '
            f'stroke="{BLEU}" stroke-width="2"/>'
        )
    for annee, valeur in cibles.items():
        if annee in annees:
            cx, cy = x(annee), y(valeur)
            morceaux.append(
                f'<path d="M{cx - 5:.1f},{cy:.1f} L{cx:.1f},{cy - 5:.1f} L{cx + 5:.1f},{cy:.1f} '
                f'L{cx:.1f},{cy + 5:.1f} Z" fill="none" stroke="{ORANGE}" stroke-width="2"/>'
            )
    morceaux.append("</svg>")
    return mark_safe("".join(morceaux))


def _oui_non_svg(
    *, annees, mesures, cibles, identifiant: str, titre: str, aujourdhui=None
) -> SafeString:
    """Un indicateur oui / non : la réponse de chaque année écrite en toutes lettres (un axe
    gradué « non, oui » n'aurait pas de sens), la cible en dessous."""
    hauteur = 96
    pas_x = (LARGEUR - 2 * DROITE) / max(len(annees), 1)

    def mot(valeur) -> str:
        return "—" if valeur is None else ("oui" if valeur else "non")

    description = " ; ".join(
        f"{libelle_annee(annee, aujourdhui)} : {mot(mesures.get(annee))}"
        + (f", cible {mot(cibles[annee])}" if annee in cibles else "")
        for annee in annees
    )
    morceaux = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LARGEUR} {hauteur}" '
        f'width="{LARGEUR}" height="{hauteur}" class="graphique" role="img" '
        f'aria-labelledby="{identifiant}-titre {identifiant}-desc" '
        'font-family="DejaVu Sans, sans-serif" font-size="11">',
        f'<title id="{identifiant}-titre">{escape(titre)}</title>',
        f'<desc id="{identifiant}-desc">{escape(description)}</desc>',
    ]
    for rang, annee in enumerate(annees):
        cx = DROITE + pas_x * (rang + 0.5)
        valeur = mesures.get(annee)
        couleur = GRIS if valeur is None else BLEU
        morceaux.append(
            f'<text x="{cx:.1f}" y="16" text-anchor="middle" fill="#3a3a3a">{annee}</text>'
            f'<text x="{cx:.1f}" y="56" text-anchor="middle" font-size="16" font-weight="bold" '
            f'fill="{couleur}">{mot(valeur)}</text>'
        )
        if _provisoire(annee, aujourdhui):
            morceaux.append(
                f'<text x="{cx:.1f}" y="30" text-anchor="middle" font-size="10" '
                f'fill="#3a3a3a">{PROVISOIRE}</text>'
            )
        if annee in cibles:
            morceaux.append(
                f'<text x="{cx:.1f}" y="82" text-anchor="middle" fill="{ORANGE}">'
                f"cible : {mot(cibles[annee])}</text>"
            )
    morceaux.append("</svg>")
    return mark_safe("".join(morceaux))
