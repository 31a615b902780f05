"""Le seul lecteur de nombres du projet : ce que tapent les agents et ce que contiennent
leurs fichiers, lu de la même façon sur toutes les pages et dans tous les imports.

Règle : le **dernier** séparateur (virgule ou point) est le séparateur décimal quand les deux
figurent ; un séparateur seul est décimal, sauf répété en groupes de trois chiffres
(« 1.234.567 »). Les espaces (ordinaires, insécables, fines) et l'apostrophe suisse séparent
les milliers. Une unité en fin (€, EUR, %, kg…) est ignorée.

    « 1 234,5 », « 1234.5 », « 1.234,5 », « 1,234.5 », « 1 234,50 € » → 1234.5
"""

import re
from decimal import Decimal, InvalidOperation

_ESPACES = re.compile(r"[\s\u00a0\u202f'’]+")
_UNITES = re.compile(
    r"(€|eur|euros?|ht|ttc|%|kg|kilos?|kilogrammes?|tco2e|kgco2e|t|ans?|années?)$",
    re.IGNORECASE,
)
LIMITE = Decimal(10) ** 12
EXEMPLE = "exemple attendu : 1 234,5"


class NombreInvalide(ValueError):
    """Le texte n'est pas un nombre ; le message, en français, le dit."""


def lire_nombre(valeur, *, limite: Decimal = LIMITE) -> Decimal:
    """Un nombre lu à la française (voir le module) ; `NombreInvalide` sinon."""
    if isinstance(valeur, bool):
        raise NombreInvalide(f"n'est pas un nombre ({EXEMPLE})")
    if isinstance(valeur, int):
        nombre = Decimal(valeur)
    elif isinstance(valeur, float):
        if valeur != valeur or valeur in (float("inf"), float("-inf")):
            raise NombreInvalide(f"n'est pas un nombre ({EXEMPLE})")
        nombre = Decimal(repr(valeur))
    elif isinstance(valeur, Decimal):
        nombre = valeur
    else:
        texte = str(valeur if valeur is not None else "").strip()
        texte = _UNITES.sub("", texte).strip()
        texte = _ESPACES.sub("", texte)
        if len(texte) > 40 or not re.fullmatch(r"[+-]?[\d.,]*\d[\d.,]*", texte):
            raise NombreInvalide(f"n'est pas un nombre ({EXEMPLE})")
        virgules, points = texte.count(","), texte.count(".")
        if virgules and points:
            decimal, milliers = (",", ".") if texte.rfind(",") > texte.rfind(".") else (".", ",")
            if texte.count(decimal) > 1 or not re.fullmatch(
                rf"[+-]?\d{{1,3}}(\{milliers}\d{{3}})*\{decimal}\d*", texte
            ):
                raise NombreInvalide(f"n'est pas un nombre ({EXEMPLE})")
            texte = texte.replace(milliers, "").replace(decimal, ".")
        elif virgules > 1 or points > 1:
            separateur = "," if virgules else "."
            if not re.fullmatch(rf"[+-]?\d{{1,3}}(\{separateur}\d{{3}})+", texte):
                raise NombreInvalide(f"n'est pas un nombre ({EXEMPLE})")
            texte = texte.replace(separateur, "")
        else:
            texte = texte.replace(",", ".")
        if texte.endswith(".") or texte.lstrip("+-").startswith("."):
            texte = texte.replace("+.", "+0.").replace("-.", "-0.")
            texte = ("0" + texte) if texte.startswith(".") else texte
        try:
            nombre = Decimal(texte)
        except InvalidOperation:
            raise NombreInvalide(f"n'est pas un nombre ({EXEMPLE})") from None
    if not nombre.is_finite():
        raise NombreInvalide(f"n'est pas un nombre ({EXEMPLE})")
    if abs(nombre) >= limite:
        raise NombreInvalide("est un nombre hors des limites acceptées")
    return nombre
