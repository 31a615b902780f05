"""Radar de maturité : ce qu'il montre (dimensions, notes, campagne précédente, texte de
remplacement) ; le dessin est celui de `strategie_nr.plateforme.graphiques`, le même pour la
page et le PDF (sur un petit écran, les dimensions y sont désignées par leur numéro)."""

from decimal import Decimal

from django.utils.safestring import SafeString

from strategie_nr.plateforme import graphiques
from strategie_nr.plateforme.graphiques import nombre

MAXIMUM = 5


def _texte(valeur: Decimal | None) -> str:
    return "non notée" if valeur is None else nombre(valeur, 1)


def radar_svg(
    libelles: list[str],
    valeurs: list[Decimal | None],
    precedentes: list[Decimal | None] | None = None,
    *,
    identifiant: str = "radar-maturite",
    titre: str = "Notes de maturité par dimension",
    numeros: list[int] | None = None,
) -> SafeString:
    """Radar sur l'échelle 1–5 ; une dimension non notée n'a pas de sommet et est dite telle.

    `numeros` : le numéro de chaque dimension (1, 2, … par défaut), écrit à la place de son
    libellé sur un petit écran."""
    description = "; ".join(
        f"{libelle} : {_texte(valeur)}"
        + (f" (précédente : {_texte(precedentes[rang])})" if precedentes is not None else "")
        for rang, (libelle, valeur) in enumerate(zip(libelles, valeurs, strict=True))
    )
    return graphiques.radar(
        libelles,
        valeurs,
        precedentes,
        identifiant=identifiant,
        titre=titre,
        description=description,
        numeros=numeros,
        maximum=MAXIMUM,
    )
