"""Graphiques du parc : ce qu'ils montrent (libellés, valeurs, textes de remplacement) ; le
dessin est celui de `strategie_nr.plateforme.graphiques`, le même pour la page et le PDF."""

from decimal import Decimal

from django.utils.safestring import SafeString

from strategie_nr.plateforme import graphiques
from strategie_nr.plateforme.graphiques import nombre


def barres_svg(
    lignes: list[tuple[str, object]], *, identifiant: str, titre: str, suffixe: str = ""
) -> SafeString:
    """Barres horizontales (libellé, valeur), valeur écrite au bout de chaque barre."""
    description = " ; ".join(f"{libelle} : {nombre(v, 0)}{suffixe}" for libelle, v in lignes)
    return graphiques.barres(
        lignes,
        identifiant=identifiant,
        titre=titre,
        description=description,
        suffixe=suffixe,
        longueur_libelle=27,
    )


def parts_svg(
    annees: list[tuple[int, Decimal | None]],
    *,
    seuil: Decimal | None,
    identifiant: str,
    titre: str,
    libelle_seuil: str = "objectif",
) -> SafeString:
    """Colonnes (année, part en %) et, si elle est connue, la ligne de l'objectif réglementaire."""
    description = " ; ".join(
        f"{annee} : {'pas d’achat renseigné' if p is None else nombre(p, 1) + ' %'}"
        for annee, p in annees
    ) + (f" ; {libelle_seuil} : {nombre(seuil, 0)} %." if seuil is not None else ".")
    return graphiques.colonnes(
        annees,
        seuil=seuil,
        identifiant=identifiant,
        titre=titre,
        description=description,
        libelle_seuil=libelle_seuil,
    )
