"""Le seul formateur des nombres, montants et dates affichés : pages, PDF, exports, historiques.

« 1 234,5 », « 12 500 € », « 1 234,5 € », « 16,7 % », « 3,2 ans », « 34,7 tCO2e »,
« 31/12/2025 », « 1er janvier 2025 », « mars 2026 ». Les milliers sont séparés par une espace
fine insécable, l'unité par une espace insécable ; une année n'a jamais de séparateur.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats

ESPACE_FINE = "\u202f"  # séparateur des milliers
ESPACE_INSECABLE = "\u00a0"  # entre le nombre et son unité
VIDE = "—"

# Code d'unité des indicateurs → ce qui suit le nombre ; « nombre » n'a pas d'unité.
UNITES = {
    "nombre": "",
    "pourcentage": "%",
    "kg": "kg",
    "t": "t",
    "tco2e": "tCO2e",
    "kgco2e": "kgCO2e",
    "euros": "€",
    "annees": "ans",
}


def _decimal(valeur) -> Decimal | None:
    if valeur in (None, ""):
        return None
    try:
        return Decimal(str(valeur))
    except InvalidOperation:
        return None


def nombre(valeur, decimales: int | None = None) -> str:
    """1234.5 → « 1 234,5 » ; `decimales` arrondit (au plus proche, 0,5 vers le haut), sinon
    les zéros inutiles sont retirés (« 12 500 », « 0,88 »)."""
    nombre_ = _decimal(valeur)
    if nombre_ is None:
        return VIDE if valeur in (None, "") else str(valeur)
    if decimales is not None:
        nombre_ = nombre_.quantize(Decimal(1).scaleb(-decimales), ROUND_HALF_UP)
    elif nombre_ == nombre_.to_integral_value():
        nombre_ = nombre_.quantize(Decimal(1))
    else:
        nombre_ = nombre_.normalize()
    entier, _, fraction = f"{abs(nombre_):f}".partition(".")
    groupes = []
    while len(entier) > 3:
        groupes.insert(0, entier[-3:])
        entier = entier[:-3]
    groupes.insert(0, entier)
    signe = "−" if nombre_ < 0 else ""
    return signe + ESPACE_FINE.join(groupes) + ("," + fraction if fraction else "")


def nombre_tableur(valeur) -> str:
    """Un nombre pour une cellule de CSV lu par un tableur français : virgule décimale, sans
    séparateur de milliers (un tableur ne lirait pas « 1 234,5 » comme un nombre) :
    1234.50 → « 1234,5 »."""
    nombre_ = _decimal(valeur)
    if nombre_ is None:
        return "" if valeur in (None, "") else str(valeur)
    if nombre_ == nombre_.to_integral_value():
        return f"{nombre_.quantize(Decimal(1)):f}"
    return f"{nombre_.normalize():f}".replace(".", ",")


def format_excel(valeur) -> str:
    """Le format d'une cellule nombre d'un classeur : un entier sans décimale (« 58 »), sinon
    jusqu'à trois décimales (« 0,88 », « 1 234,5 ») ; le tableur affiche la virgule et
    l'espace des milliers selon la langue de l'utilisateur."""
    nombre_ = _decimal(valeur)
    if nombre_ is None or nombre_ == nombre_.to_integral_value():
        return "#,##0"
    return "#,##0.0##"


def cellule_csv(valeur_) -> str:
    """Une cellule de CSV français : nombres par `nombre_tableur`, dates « 31/12/2025 »,
    booléens « oui » / « non », rien pour une valeur absente."""
    if valeur_ is None:
        return ""
    if isinstance(valeur_, bool):
        return "oui" if valeur_ else "non"
    if isinstance(valeur_, (Decimal, float)):
        return nombre_tableur(valeur_)
    if isinstance(valeur_, (datetime.date, datetime.datetime)):
        return date_courte(valeur_)
    return str(valeur_)


def montant(valeur) -> str:
    """Un montant en euros : « 12 500 € », « 1 234,5 € » ; « — » s'il n'est pas saisi."""
    if _decimal(valeur) is None:
        return VIDE
    return nombre(valeur) + ESPACE_INSECABLE + "€"


def valeur(valeur_, unite: str, decimales: int | None = None) -> str:
    """Un nombre avec son unité : « 16,7 % », « 3,2 ans », « 58 », « oui »."""
    if valeur_ is None:
        return VIDE
    if unite == "oui_non":
        return "oui" if valeur_ else "non"
    texte = nombre(valeur_, decimales)
    suffixe = UNITES.get(unite, unite)
    return texte + (ESPACE_INSECABLE + suffixe if suffixe else "")


def annee(valeur_) -> str:
    """« 2026 », jamais « 2 026 »."""
    return VIDE if valeur_ in (None, "") else str(int(valeur_))


def _date(valeur_) -> datetime.date | None:
    if isinstance(valeur_, datetime.datetime):
        return valeur_.date()
    if isinstance(valeur_, datetime.date):
        return valeur_
    if isinstance(valeur_, str) and valeur_:
        try:
            return datetime.date.fromisoformat(valeur_[:10])
        except ValueError:
            return None
    return None


def date_courte(valeur_) -> str:
    """« 31/12/2025 » (une date ISO « 2025-12-31 » aussi)."""
    date = _date(valeur_)
    return date.strftime("%d/%m/%Y") if date else VIDE


def date_longue(valeur_) -> str:
    """« 1er janvier 2025 », « 15 mars 2026 »."""
    date = _date(valeur_)
    if date is None:
        return VIDE
    jour = "1er" if date.day == 1 else str(date.day)
    return f"{jour} {formats.date_format(date, 'F')} {date.year}"


def mois_annee(valeur_) -> str:
    """« mars 2026 »."""
    date = _date(valeur_)
    return f"{formats.date_format(date, 'F')} {date.year}" if date else VIDE


def periode_mois(debut, fin) -> str:
    """« de mars 2025 à juin 2026 », « d'avril 2025 à octobre 2025 » (élision devant voyelle)."""
    depuis = mois_annee(debut)
    de = "d'" if depuis[:1] in "aeiouyéèâ" else "de "
    return f"{de}{depuis} à {mois_annee(fin)}"


def nombre_machine(valeur) -> str:
    """Un nombre pour un programme (API, données ouvertes) : point décimal, sans séparateur ni
    zéro inutile : 1234.50 → « 1234.5 » ; rien pour une valeur absente."""
    nombre_ = _decimal(valeur)
    if nombre_ is None:
        return "" if valeur in (None, "") else str(valeur)
    if nombre_ == nombre_.to_integral_value():
        return f"{nombre_.quantize(Decimal(1)):f}"
    return f"{nombre_.normalize():f}"
