"""Graphiques du parc en SVG, rendus côté serveur : les mêmes pour la page et pour le PDF."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BLEU, ORANGE, GRIS = "#000091", "#b34000", "#6a6a6a"


def _nombre(valeur, decimales=0) -> str:
    texte = f"{Decimal(valeur):,.{decimales}f}".replace(",", "\u202f").replace(".", ",")
    return texte


def _entete(largeur, hauteur, identifiant, titre, description) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {largeur} {hauteur}" '
        f'width="{largeur}" height="{hauteur}" class="graphique" role="img" '
        f'aria-labelledby="{identifiant}-titre {identifiant}-desc" '
        'font-family="DejaVu Sans, sans-serif" font-size="11">',
        f'<title id="{identifiant}-titre">{escape(titre)}</title>',
        f'<desc id="{identifiant}-desc">{escape(description)}</desc>',
    ]


def barres_svg(
    lignes: list[tuple[str, object]], *, identifiant: str, titre: str, suffixe: str = ""
) -> SafeString:
    """Barres horizontales (libellé, valeur), valeur écrite au bout de chaque barre."""
    largeur, marge, hauteur_barre = 560, 200, 22
    hauteur = max(1, len(lignes)) * hauteur_barre + 10
    maximum = max((float(v) for _, v in lignes), default=0) or 1
    description = " ; ".join(f"{libelle} : {_nombre(v)}{suffixe}" for libelle, v in lignes)
    morceaux = _entete(largeur, hauteur, identifiant, titre, description or "Aucune donnée.")
    utile = largeur - marge - 70
    for rang, (libelle, valeur) in enumerate(lignes):
        y = 5 + rang * hauteur_barre
        longueur = utile * float(valeur) / maximum
        court = libelle if len(libelle) <= 27 else libelle[:26] + "…"
        morceaux.append(
            f'<text x="{marge - 6}" y="{y + 14}" text-anchor="end" fill="#1e1e1e">'
            f"{escape(court)}</text>"
            f'<rect x="{marge}" y="{y + 3}" width="{longueur:.1f}" '
            f'height="{hauteur_barre - 8}" fill="{BLEU}"/>'
            f'<text x="{marge + longueur + 4:.1f}" y="{y + 14}" fill="#1e1e1e">'
            f"{_nombre(valeur)}{escape(suffixe)}</text>"
        )
    morceaux.append("</svg>")
    return mark_safe("".join(morceaux))


def parts_svg(
    annees: list[tuple[int, Decimal | None]],
    *,
    seuil: Decimal | None,
    identifiant: str,
    titre: str,
    libelle_seuil: str = "objectif",
) -> SafeString:
    """Colonnes (année, part en %) et, si elle est connue, la ligne de l'objectif réglementaire."""
    largeur, hauteur, gauche, bas, haut = 560, 220, 44, 28, 12
    maximum = max([float(seuil or 20) * 1.5, *(float(p) for _, p in annees if p is not None)])
    utile_h = hauteur - bas - haut
    pas = (largeur - gauche - 10) / max(1, len(annees))

    def y(valeur):
        return haut + utile_h * (1 - float(valeur) / maximum)

    description = " ; ".join(
        f"{annee} : {'pas d’achat renseigné' if p is None else _nombre(p, 1) + ' %'}"
        for annee, p in annees
    ) + (f" ; {libelle_seuil} : {_nombre(seuil)} %." if seuil is not None else ".")
    morceaux = _entete(largeur, hauteur, identifiant, titre, description)
    for graduation in range(0, int(maximum) + 1, 10 if maximum <= 60 else 20):
        gy = y(graduation)
        morceaux.append(
            f'<line x1="{gauche}" y1="{gy:.1f}" x2="{largeur - 10}" y2="{gy:.1f}" '
            'stroke="#e0e0e0"/>'
            f'<text x="{gauche - 4}" y="{gy + 4:.1f}" text-anchor="end" fill="#3a3a3a">'
            f"{graduation} %</text>"
        )
    for rang, (annee, part) in enumerate(annees):
        x = gauche + rang * pas + pas * 0.2
        if part is not None:
            morceaux.append(
                f'<rect x="{x:.1f}" y="{y(part):.1f}" width="{pas * 0.6:.1f}" '
                f'height="{hauteur - bas - y(part):.1f}" fill="{BLEU}"/>'
            )
        morceaux.append(
            f'<text x="{x + pas * 0.3:.1f}" y="{hauteur - 10}" text-anchor="middle" '
            f'fill="#3a3a3a">{annee}</text>'
        )
    if seuil is not None:
        ys = y(seuil)
        morceaux.append(
            f'<line x1="{gauche}" y1="{ys:.1f}" x2="{largeur - 10}" y2="{ys:.1f}" '
            f'stroke="{ORANGE}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{largeur - 12}" y="{ys - 5:.1f}" text-anchor="end" fill="{ORANGE}">'
            f"{libelle_seuil} {_nombre(seuil)} %</text>"
        )
    morceaux.append("</svg>")
    return mark_safe("".join(morceaux))
