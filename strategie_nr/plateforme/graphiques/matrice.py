"""Matrice de cases (lignes × colonnes) : le nombre d'éléments de chaque case, puis leurs
numéros ou leurs titres abrégés."""

from django.utils.safestring import SafeString

from .svg import ENCRE, POLICE_SYSTEME, abreger, entete, fermer, ligne_de_legende, texte

FOND_EN_AVANT, FOND = "#dbe8f7", "#f2f4f7"


def matrice(
    cases: dict[tuple[int, int], list[dict]],
    *,
    lignes: list[str],
    colonnes: list[str],
    en_avant: set[tuple[int, int]],
    titre_lignes: str,
    titre_colonnes: str,
    legende_en_avant: str,
    legende_autres: str,
    identifiant: str,
    titre: str,
    description: str,
) -> SafeString:
    """`cases[(ligne, colonne)]` (rangs à partir de 0) : les éléments de la case, chacun avec un
    `titre` et, si tous en ont un, un `numero` écrit à la place du titre (la clé des numéros
    est à côté du graphique). Les cases `en_avant` ont un fond plus foncé."""
    cote, marge_g, marge_h = 150, 130, 40
    largeur = marge_g + len(colonnes) * cote + 10
    hauteur = marge_h + len(lignes) * cote + 76
    svg = entete(
        largeur,
        hauteur,
        identifiant=identifiant,
        titre=titre,
        description=description,
        police=POLICE_SYSTEME,
        taille=None,
    )
    for ligne, libelle_ligne in enumerate(lignes):
        y = marge_h + ligne * cote
        svg.append(
            f'<text x="{marge_g - 8}" y="{y + cote / 2}" text-anchor="end" font-size="13" '
            f'fill="{ENCRE}">{texte(libelle_ligne)}</text>'
        )
        for colonne in range(len(colonnes)):
            x = marge_g + colonne * cote
            elements = cases.get((ligne, colonne), [])
            fond = FOND_EN_AVANT if (ligne, colonne) in en_avant else FOND
            svg.append(
                f'<rect x="{x}" y="{y}" width="{cote}" height="{cote}" fill="{fond}" '
                'stroke="#5a6470" stroke-width="1"/>'
            )
            svg.append(
                f'<text x="{x + cote / 2}" y="{y + 42}" text-anchor="middle" font-size="28" '
                f'font-weight="700" fill="#0a2f66">{len(elements)}</text>'
            )
            if elements and all(element.get("numero") for element in elements):
                # Les numéros, quatre par ligne.
                numeros = [str(element["numero"]) for element in elements]
                if len(numeros) > 16:
                    numeros = numeros[:15] + [f"+{len(numeros) - 15}"]
                for n in range(0, len(numeros), 4):
                    svg.append(
                        f'<text x="{x + cote / 2}" y="{y + 68 + n // 4 * 18}" font-size="12" '
                        f'text-anchor="middle" fill="{ENCRE}">'
                        f"{texte(' · '.join(numeros[n : n + 4]))}</text>"
                    )
                continue
            for n, element in enumerate(elements[:4]):
                svg.append(
                    f'<text x="{x + 8}" y="{y + 68 + n * 18}" font-size="11" fill="{ENCRE}">'
                    f"{texte(abreger(element['titre'], 24))}</text>"
                )
            if len(elements) > 4:
                svg.append(
                    f'<text x="{x + 8}" y="{y + 68 + 4 * 18}" font-size="11" fill="{ENCRE}">'
                    f"et {len(elements) - 4} autre(s)</text>"
                )
    bas_grille = marge_h + len(lignes) * cote
    for colonne, libelle_colonne in enumerate(colonnes):
        svg.append(
            f'<text x="{marge_g + colonne * cote + cote / 2}" y="{bas_grille + 20}" '
            f'text-anchor="middle" font-size="13" fill="{ENCRE}">'
            f"{texte(libelle_colonne)}</text>"
        )
    svg.append(
        f'<text x="{marge_g + len(colonnes) / 2 * cote}" y="{hauteur - 34}" '
        f'text-anchor="middle" font-size="13" font-weight="600" fill="{ENCRE}">'
        f"{texte(titre_colonnes)}</text>"
    )
    cases, _ = ligne_de_legende(
        10, hauteur - 8, [(FOND_EN_AVANT, legende_en_avant), (FOND, legende_autres)]
    )
    svg += cases
    svg.append(
        f'<text x="{marge_g - 8}" y="24" text-anchor="end" font-size="13" font-weight="600" '
        f'fill="{ENCRE}">{texte(titre_lignes)}</text>'
    )
    return fermer(svg)
