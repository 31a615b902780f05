"""Une suite annuelle : courbe des valeurs mesurées contre les cibles, ou réponses oui / non."""

import math
from collections.abc import Callable
from decimal import Decimal

from django.utils.safestring import SafeString

from .svg import BLEU, ORANGE, entete, fermer, texte

LARGEUR, HAUTEUR = 520, 240
GAUCHE, DROITE, HAUT, BAS = 78, 16, 16, 34
GRIS = "#8a8a8a"
PROVISOIRE = "provisoire"


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


def courbe(
    *,
    annees: list[int],
    mesures: dict[int, Decimal],
    cibles: dict[int, Decimal],
    ecrire: Callable[[Decimal], str],
    provisoires: set[int],
    identifiant: str,
    titre: str,
    description: str,
) -> SafeString:
    """Les mesures reliées (points pleins), les cibles en losanges ; `ecrire` met une valeur en
    texte (graduations). Une année de `provisoires`, dont les chiffres changeront encore, est
    dite « provisoire » en toutes lettres sous l'année et son point est creux : pas seulement
    une couleur."""
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

    morceaux = entete(
        LARGEUR, HAUTEUR, identifiant=identifiant, titre=titre, description=description
    )
    for graduation in echelle:
        gy = y(graduation)
        morceaux.append(
            f'<line x1="{GAUCHE}" y1="{gy:.1f}" x2="{LARGEUR - DROITE}" y2="{gy:.1f}" '
            f'stroke="#dddddd"/>'
            f'<text x="{GAUCHE - 6}" y="{gy + 4:.1f}" text-anchor="end" fill="#3a3a3a">'
            f"{texte(ecrire(Decimal(str(graduation))))}</text>"
        )
    morceaux.append(
        f'<line x1="{GAUCHE}" y1="{HAUT}" x2="{GAUCHE}" y2="{HAUTEUR - BAS}" stroke="{GRIS}"/>'
    )
    for annee in annees:
        morceaux.append(
            f'<text x="{x(annee):.1f}" y="{HAUTEUR - BAS + 16}" text-anchor="middle" '
            f'fill="#3a3a3a">{texte(annee)}</text>'
        )
        if annee in provisoires:
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
        plein = "#ffffff" if annee in provisoires else BLEU
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
    return fermer(morceaux)


def reponses(
    *,
    annees: list[int],
    mesures: dict[int, str | None],
    cibles: dict[int, str | None],
    provisoires: set[int],
    identifiant: str,
    titre: str,
    description: str,
) -> SafeString:
    """Une réponse en toutes lettres par année (« oui », « non », « — » sans réponse), la cible
    en dessous : un axe gradué n'aurait pas de sens pour un indicateur oui / non."""
    hauteur = 96
    pas_x = (LARGEUR - 2 * DROITE) / max(len(annees), 1)
    morceaux = entete(
        LARGEUR, hauteur, identifiant=identifiant, titre=titre, description=description
    )
    for rang, annee in enumerate(annees):
        cx = DROITE + pas_x * (rang + 0.5)
        reponse = mesures.get(annee)
        couleur = GRIS if reponse is None else BLEU
        morceaux.append(
            f'<text x="{cx:.1f}" y="16" text-anchor="middle" fill="#3a3a3a">{texte(annee)}</text>'
            f'<text x="{cx:.1f}" y="56" text-anchor="middle" font-size="16" font-weight="bold" '
            f'fill="{couleur}">{texte(reponse or "—")}</text>'
        )
        if annee in provisoires:
            morceaux.append(
                f'<text x="{cx:.1f}" y="30" text-anchor="middle" font-size="10" '
                f'fill="#3a3a3a">{PROVISOIRE}</text>'
            )
        if annee in cibles:
            morceaux.append(
                f'<text x="{cx:.1f}" y="82" text-anchor="middle" fill="{ORANGE}">'
                f"cible : {texte(cibles[annee] or '—')}</text>"
            )
    return fermer(morceaux)
