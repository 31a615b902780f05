"""Barres horizontales (une par libellé) et colonnes par année avec une ligne de seuil."""

from decimal import Decimal

from django.utils.safestring import SafeString

from .svg import BLEU, ENCRE, ORANGE, POLICE, abreger, entete, fermer, nombre, texte


def barres(
    lignes: list[tuple[str, object]],
    *,
    identifiant: str,
    titre: str,
    description: str,
    suffixe: str = "",
    largeur: int = 560,
    marge: int = 200,
    utile: int = 290,
    hauteur_barre: int = 22,
    haut: int = 4,
    bas: int = 6,
    ecart: int = 6,
    longueur_libelle: int | None = None,
    taille: int | None = None,
    couleur: str = BLEU,
    pied: str = "",
    police: str = POLICE,
) -> SafeString:
    """Barres horizontales (libellé, valeur), la valeur écrite au bout de chaque barre.

    `marge` : la colonne des libellés (coupés à `longueur_libelle` caractères) ; `utile` : la
    longueur de la plus grande barre ; `pied` : une phrase sous les barres."""
    hauteur = haut + max(1, len(lignes)) * hauteur_barre + bas
    maximum = max((float(v) for _, v in lignes), default=0) or 1
    police_texte = f' font-size="{taille}"' if taille else ""
    morceaux = entete(
        largeur,
        hauteur,
        identifiant=identifiant,
        titre=titre,
        description=description or "Aucune donnée.",
        police=police,
        taille=None if taille else 11,
    )
    for rang, (libelle, valeur) in enumerate(lignes):
        y = haut + rang * hauteur_barre
        longueur = utile * float(valeur) / maximum
        court = abreger(libelle, longueur_libelle) if longueur_libelle else libelle
        ligne_de_base = y + hauteur_barre // 2 + 4
        morceaux.append(
            f'<text x="{marge - ecart}" y="{ligne_de_base}" text-anchor="end"{police_texte} '
            f'fill="{ENCRE}">{texte(court)}</text>'
            f'<rect x="{marge}" y="{y + 4}" width="{longueur:.1f}" '
            f'height="{hauteur_barre - 8}" fill="{couleur}"/>'
            f'<text x="{marge + longueur + ecart - 2:.1f}" y="{ligne_de_base}"{police_texte} '
            f'fill="{ENCRE}">{texte(nombre(valeur, 0))}{texte(suffixe)}</text>'
        )
    if pied:
        morceaux.append(
            f'<text x="{marge}" y="{hauteur - 8}"{police_texte} fill="{ENCRE}">{texte(pied)}</text>'
        )
    return fermer(morceaux)


def colonnes(
    annees: list[tuple[int, Decimal | None]],
    *,
    seuil: Decimal | None,
    identifiant: str,
    titre: str,
    description: str,
    libelle_seuil: str = "objectif",
) -> SafeString:
    """Colonnes (année, part en %) et, si elle est connue, la ligne du seuil (tiretée)."""
    largeur, hauteur, gauche, bas, haut = 560, 220, 44, 28, 12
    maximum = max([float(seuil or 20) * 1.5, *(float(p) for _, p in annees if p is not None)])
    utile_h = hauteur - bas - haut
    pas = (largeur - gauche - 10) / max(1, len(annees))

    def y(valeur):
        return haut + utile_h * (1 - float(valeur) / maximum)

    morceaux = entete(
        largeur, hauteur, identifiant=identifiant, titre=titre, description=description
    )
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
            f'fill="#3a3a3a">{texte(annee)}</text>'
        )
    if seuil is not None:
        ys = y(seuil)
        morceaux.append(
            f'<line x1="{gauche}" y1="{ys:.1f}" x2="{largeur - 10}" y2="{ys:.1f}" '
            f'stroke="{ORANGE}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{largeur - 12}" y="{ys - 5:.1f}" text-anchor="end" fill="{ORANGE}">'
            f"{texte(libelle_seuil)} {texte(nombre(seuil, 0))} %</text>"
        )
    return fermer(morceaux)
