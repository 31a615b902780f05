"""Graphique d'un indicateur (valeurs mesurées contre cibles), pour la page et le PDF : ce qu'il
montre ; le dessin est celui de `strategie_nr.plateforme.graphiques`."""

from decimal import Decimal

from django.utils.safestring import SafeString

from strategie_nr.plateforme import graphiques

from .enums import Unite
from .nombres import afficher
from .selectors import libelle_annee


def _provisoires(annees: list[int], aujourdhui) -> set[int]:
    """L'année en cours : son point est creux et « provisoire » est écrit sous l'année."""
    return {annee for annee in annees if libelle_annee(annee, aujourdhui) != str(annee)}


def courbe_svg(
    *,
    annees: list[int],
    mesures: dict[int, Decimal],
    cibles: dict[int, Decimal],
    unite: str,
    precision: int = 0,
    identifiant: str,
    titre: str,
    aujourdhui=None,
) -> SafeString:
    """L'année en cours, dont les chiffres changeront encore, est dite « provisoire » en toutes
    lettres (sous l'année, dans la description) et son point est creux : pas seulement une
    couleur. Un indicateur oui / non montre la réponse de chaque année en toutes lettres."""
    provisoires = _provisoires(annees, aujourdhui)
    if unite == Unite.OUI_NON:

        def mot(valeur) -> str | None:
            return None if valeur is None else ("oui" if valeur else "non")

        description = " ; ".join(
            f"{libelle_annee(annee, aujourdhui)} : {mot(mesures.get(annee)) or '—'}"
            + (f", cible {mot(cibles[annee]) or '—'}" if annee in cibles else "")
            for annee in annees
        )
        return graphiques.reponses(
            annees=annees,
            mesures={annee: mot(valeur) for annee, valeur in mesures.items()},
            cibles={annee: mot(valeur) for annee, valeur in cibles.items()},
            provisoires=provisoires,
            identifiant=identifiant,
            titre=titre,
            description=description,
        )

    def texte(valeur):
        return afficher(Decimal(str(valeur)), unite, precision)

    description = " ; ".join(
        f"{libelle_annee(annee, aujourdhui)} : mesuré "
        + (texte(mesures[annee]) if annee in mesures else "non renseigné")
        + (f", cible {texte(cibles[annee])}" if annee in cibles else "")
        for annee in annees
    )
    return graphiques.courbe(
        annees=annees,
        mesures=mesures,
        cibles=cibles,
        ecrire=texte,
        provisoires=provisoires,
        identifiant=identifiant,
        titre=titre,
        description=description,
    )
