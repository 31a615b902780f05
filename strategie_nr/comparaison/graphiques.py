"""Boîtes à moustaches sans moustaches, rendues côté serveur : pour chaque groupe, la boîte
va du premier au troisième quartile avec la médiane en trait ; la valeur de la collectivité
est une ligne verticale. Ni minimum ni maximum : il n'y en a pas à montrer.

Fonction pure : elle reçoit les nombres d'une ligne de la page et renvoie un SVG autonome
(titre et description pour les lecteurs d'écran ; le tableau à côté donne les mêmes chiffres).
"""

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

from strategie_nr import formats

LARGEUR, GAUCHE, DROITE, HAUTEUR_LIGNE, HAUT = 320, 96, 308, 22, 6
POLICE = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
# Contraste d'au moins 3:1 sur blanc (éléments graphiques, WCAG 1.4.11).
BOITE, TRAIT, VALEUR = "#dbe7f7", "#0a4ca0", "#b00020"
LIBELLES_COURTS = {0: "Toutes", 1: "Même nature", 2: "Même pop.", 3: "Nature et pop."}


def _texte(valeur) -> str:
    return escape(str(valeur), {'"': "&quot;"})


def echelle(unite: str, code: str, nombres: list[Decimal]) -> tuple[Decimal, Decimal]:
    """Bornes de l'axe : 1 à 5 pour la maturité, 0 à 100 pour un pourcentage, sinon de 0 au
    plus grand des nombres montrés (quartiles et valeur de la collectivité), plus 10 %."""
    if code.startswith("maturite."):
        return Decimal(1), Decimal(5)
    if unite == "%":
        return Decimal(0), Decimal(100)
    haut = max(nombres, default=Decimal(1)) * Decimal("1.1")
    return Decimal(0), haut if haut > 0 else Decimal(1)


def boites_svg(*, titre: str, unite: str, code: str, groupes: list, valeur) -> SafeString:
    """`groupes` : [(rang du groupe 0 à 3, q1, médiane, q3)] ; `valeur` : celle de la
    collectivité ou None."""
    nombres = [n for _r, *q in groupes for n in q] + ([valeur] if valeur is not None else [])
    bas, haut = echelle(unite, code, nombres)

    def x(nombre) -> float:
        borne = min(max(Decimal(nombre), bas), haut)
        return round(GAUCHE + float((borne - bas) / (haut - bas)) * (DROITE - GAUCHE), 1)

    hauteur = HAUT + HAUTEUR_LIGNE * len(groupes) + 16
    ident = "boites-" + code.replace(".", "-").replace("_", "-")  # un graphique par chiffre
    description = (
        "Pour chaque groupe, boîte du premier au troisième quartile et trait de la médiane ; "
        "ligne rouge : la valeur de votre collectivité. Les chiffres sont dans le tableau."
    )
    parties = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LARGEUR} {hauteur}" '
        f'width="{LARGEUR}" height="{hauteur}" role="img" class="graphique mw-100 h-auto" '
        f'aria-labelledby="{ident}-t {ident}-d" font-family="{POLICE}" font-size="11">',
        f'<title id="{ident}-t">{_texte(titre)}</title>',
        f'<desc id="{ident}-d">{_texte(description)}</desc>',
    ]
    for index, (rang, q1, mediane, q3) in enumerate(groupes):
        y = HAUT + index * HAUTEUR_LIGNE
        parties += [
            f'<text x="0" y="{y + 14}" fill="#212529">{_texte(LIBELLES_COURTS[rang])}</text>',
            f'<rect x="{x(q1)}" y="{y + 3}" width="{max(x(q3) - x(q1), 1.5)}" '
            f'height="{HAUTEUR_LIGNE - 6}" fill="{BOITE}" stroke="{TRAIT}"/>',
            f'<line x1="{x(mediane)}" x2="{x(mediane)}" y1="{y + 3}" '
            f'y2="{y + HAUTEUR_LIGNE - 3}" stroke="{TRAIT}" stroke-width="3"/>',
        ]
    pied = HAUT + HAUTEUR_LIGNE * len(groupes)
    if valeur is not None:
        parties.append(
            f'<line x1="{x(valeur)}" x2="{x(valeur)}" y1="{HAUT - 4}" y2="{pied}" '
            f'stroke="{VALEUR}" stroke-width="2"/>'
        )
    parties += [
        f'<line x1="{GAUCHE}" x2="{DROITE}" y1="{pied}" y2="{pied}" stroke="#6c757d"/>',
        f'<text x="{GAUCHE}" y="{pied + 13}" fill="#212529">{_texte(_nombre(bas))}</text>',
        f'<text x="{DROITE}" y="{pied + 13}" text-anchor="end" fill="#212529">'
        f"{_texte(_nombre(haut))}</text>",
        "</svg>",
    ]
    return mark_safe("".join(parties))  # les textes sont échappés par `_texte`


def _nombre(valeur: Decimal) -> str:
    return formats.nombre(valeur, 0 if valeur >= 10 else 1)
