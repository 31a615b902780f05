"""Boîtes sans moustaches : pour chaque groupe, une boîte du premier au troisième quartile et
le trait de la médiane ; une valeur repère (celle de la collectivité) en ligne verticale. Ni
minimum ni maximum : un graphique de groupes anonymes n'en montre pas."""

from decimal import Decimal

from django.utils.safestring import SafeString

from .svg import POLICE_SYSTEME, entete, fermer, texte

LARGEUR, GAUCHE, DROITE, HAUTEUR_LIGNE, HAUT = 320, 96, 308, 22, 6
# Contraste d'au moins 3:1 sur blanc (éléments graphiques, WCAG 1.4.11).
BOITE, TRAIT, REPERE = "#dbe7f7", "#0a4ca0", "#b00020"


def boites(
    *,
    identifiant: str,
    titre: str,
    description: str,
    groupes: list[tuple[str, Decimal, Decimal, Decimal]],
    repere: Decimal | None,
    bornes: tuple[Decimal, Decimal],
    etiquettes: tuple[str, str],
) -> SafeString:
    """`groupes` : [(libellé court, q1, médiane, q3)] ; `repere` : la valeur tracée en rouge (ou
    None) ; `bornes` : le bas et le haut de l'axe ; `etiquettes` : leurs textes."""
    bas, haut = bornes

    def x(nombre) -> float:
        borne = min(max(Decimal(nombre), bas), haut)
        return round(GAUCHE + float((borne - bas) / (haut - bas)) * (DROITE - GAUCHE), 1)

    hauteur = HAUT + HAUTEUR_LIGNE * len(groupes) + 16
    morceaux = entete(
        LARGEUR,
        hauteur,
        identifiant=identifiant,
        titre=titre,
        description=description,
        classe="graphique mw-100 h-auto",
        police=POLICE_SYSTEME,
    )
    for index, (libelle, q1, mediane, q3) in enumerate(groupes):
        y = HAUT + index * HAUTEUR_LIGNE
        morceaux += [
            f'<text x="0" y="{y + 14}" fill="#212529">{texte(libelle)}</text>',
            f'<rect x="{x(q1)}" y="{y + 3}" width="{max(x(q3) - x(q1), 1.5)}" '
            f'height="{HAUTEUR_LIGNE - 6}" fill="{BOITE}" stroke="{TRAIT}"/>',
            f'<line x1="{x(mediane)}" x2="{x(mediane)}" y1="{y + 3}" '
            f'y2="{y + HAUTEUR_LIGNE - 3}" stroke="{TRAIT}" stroke-width="3"/>',
        ]
    pied = HAUT + HAUTEUR_LIGNE * len(groupes)
    if repere is not None:
        morceaux.append(
            f'<line x1="{x(repere)}" x2="{x(repere)}" y1="{HAUT - 4}" y2="{pied}" '
            f'stroke="{REPERE}" stroke-width="2"/>'
        )
    morceaux += [
        f'<line x1="{GAUCHE}" x2="{DROITE}" y1="{pied}" y2="{pied}" stroke="#6c757d"/>',
        f'<text x="{GAUCHE}" y="{pied + 13}" fill="#212529">{texte(etiquettes[0])}</text>',
        f'<text x="{DROITE}" y="{pied + 13}" text-anchor="end" fill="#212529">'
        f"{texte(etiquettes[1])}</text>",
    ]
    return fermer(morceaux)
