"""Le socle des graphiques : la seule règle d'échappement, l'en-tête accessible, les nombres.

Tout texte ou attribut venu des données passe par `texte()` et par elle seule, une fois : un
libellé « <script>&" » s'écrit « &lt;script&gt;&amp;&quot; » dans le SVG, jamais brut ni échappé
deux fois.
"""

import re
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from strategie_nr.plateforme import formats

BLEU, ORANGE, ENCRE = "#000091", "#b34000", "#1e1e1e"
POLICE = "DejaVu Sans, sans-serif"
POLICE_SYSTEME = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"

_numeros = count(1)
_IDENTIFIANTS_NUMEROTES = re.compile(r"\b([a-z]+)-\d+-(titre|desc)\b")


def texte(valeur) -> str:
    """La règle d'échappement de tous les graphiques : `&`, `<`, `>`, `"` et `'` remplacés par
    leurs entités, que la valeur soit déjà marquée sûre ou non (elle ne l'est jamais ici : les
    graphiques ne reçoivent que du texte brut)."""
    return str(escape(str(valeur)))


def nombre(valeur, decimales: int | None = None) -> str:
    """Un nombre écrit dans un graphique comme sur les pages : « 1 234 », « 12,5 »."""
    return formats.nombre(valeur, decimales)


def abreger(contenu: str, longueur: int) -> str:
    """Coupe un libellé trop long entre deux mots (jamais au milieu d'un mot), avec « … »."""
    if len(contenu) <= longueur:
        return contenu
    debut = contenu[: longueur - 1]
    espace = debut.rfind(" ")
    if espace >= longueur // 2:
        debut = debut[:espace]
    return debut.rstrip(" ,;:–-") + "…"


def identifiant_numerote(prefixe: str) -> str:
    """« matrice-3 » : un identifiant unique dans le processus, pour un graphique rendu plusieurs
    fois sur une page ou dans un document. Le numéro n'est pas du contenu (voir
    `sans_numeros`)."""
    return f"{prefixe}-{next(_numeros)}"


def sans_numeros(html: str) -> str:
    """Le HTML sans les numéros de `identifiant_numerote` (« matrice-3-titre » → « matrice-titre »),
    pour comparer deux rendus du même contenu."""
    return _IDENTIFIANTS_NUMEROTES.sub(r"\1-\2", html)


def entete(
    largeur: float,
    hauteur: float,
    *,
    identifiant: str,
    titre: str,
    description: str,
    classe: str = "graphique",
    police: str = POLICE,
    taille: int | None = 11,
) -> list[str]:
    """Ouvre un SVG autonome (aucune feuille de style externe) : `role="img"`, un titre et une
    description en texte, reliés par `aria-labelledby` ; le tableau des valeurs reste à côté
    du graphique dans la page."""
    corps = f' font-size="{taille}"' if taille else ""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {largeur} {hauteur}" '
        f'width="{largeur}" height="{hauteur}" class="{texte(classe)}" role="img" '
        f'aria-labelledby="{texte(identifiant)}-titre {texte(identifiant)}-desc" '
        f'font-family="{texte(police)}"{corps}>',
        f'<title id="{texte(identifiant)}-titre">{texte(titre)}</title>',
        f'<desc id="{texte(identifiant)}-desc">{texte(description)}</desc>',
    ]


def ligne_de_legende(
    x: float,
    y: float,
    elements: list[tuple[str, str]],
    *,
    case: int = 12,
    arrondi: int = 0,
    contour: bool = True,
    blanc: int = 12,
    par_lettre: float = 6.5,
) -> tuple[list[str], float]:
    """Une ligne de légende : pour chaque (couleur, libellé), une case de couleur puis le
    libellé ; renvoie les morceaux et l'abscisse où la ligne s'arrête."""
    morceaux = []
    for couleur, libelle in elements:
        bord = ' stroke="#5a6470" stroke-width="0.5"' if contour else ""
        coin = f' rx="{arrondi}"' if arrondi else ""
        morceaux.append(
            f'<rect x="{x:.0f}" y="{y - 10:.0f}" width="{case}" height="12"{coin} '
            f'fill="{texte(couleur)}"{bord}/>'
            f'<text x="{x + case + 4:.0f}" y="{y:.0f}" font-size="11" fill="{ENCRE}">'
            f"{texte(libelle)}</text>"
        )
        x += case + blanc + par_lettre * len(libelle)
    return morceaux, x


def fermer(morceaux: list[str]) -> SafeString:
    """Le SVG fini, sûr pour un gabarit : tout son texte est passé par `texte()`."""
    return mark_safe("".join(morceaux) + "</svg>")
