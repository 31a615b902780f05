"""Lecture de la comparaison pour une collectivité : ses chiffres publiés et, pour chacun, la
médiane et les quartiles de ses groupes publiables. Quatre requêtes, quel que soit le nombre
de collectivités : les valeurs des autres ne sont jamais lues, seulement les statistiques
arrêtées à la publication."""

from dataclasses import dataclass, field

from django.db.models import Q

from collectivites.enums import Nature
from strategie_nr.plateforme import formats
from strategie_nr.referentiel.models import Dimension

from . import chiffres
from .enums import Strate, strate_de
from .graphiques import boites_svg
from .models import Contribution, Publication, Statistique
from .statistiques import cles_de_groupes, position, tranche_effectif

LIBELLES_NATURE = {
    Nature.COMMUNE: "communes",
    Nature.EPCI: "EPCI à fiscalité propre",
    Nature.DEPARTEMENT: "départements",
    Nature.REGION: "régions",
    Nature.SYNDICAT: "syndicats",
    Nature.AUTRE: "autres collectivités",
}


def libelle_groupe(nature: str, strate: str) -> str:
    if not nature and not strate:
        return "Toutes les participantes"
    if not strate:
        return f"Même nature : {LIBELLES_NATURE[nature]}"
    if not nature:
        return f"Même population : {Strate(strate).label}"
    libelle = LIBELLES_NATURE[nature]
    return f"{libelle[:1].upper()}{libelle[1:]} {Strate(strate).label}"


@dataclass
class LigneGroupe:
    libelle: str
    effectif: str
    premier_quartile: str
    mediane: str
    troisieme_quartile: str
    position: str


@dataclass
class LigneChiffre:
    chiffre: chiffres.Chiffre
    valeur: str = ""
    annee: str = ""
    origine: str = ""
    precision: str = ""
    groupes: list[LigneGroupe] = field(default_factory=list)
    graphique: str = ""


def derniere_publication() -> Publication | None:
    return Publication.objects.order_by("-publiee_le", "-pk").first()


def comparaison_de(collectivite) -> dict:
    """{"publication", "publiee_le", "annee", "rubriques": [(rubrique, [LigneChiffre])],
    "contribue"} ; "publication" vaut None tant que rien n'a été publié."""
    publication = derniere_publication()
    if publication is None:
        return {"publication": None, "rubriques": []}
    propres = {
        c.code: c
        for c in Contribution.objects.for_collectivite(collectivite).filter(publication=publication)
    }
    resume = {
        "publication": publication,
        "publiee_le": formats.date_courte(publication.publiee_le),
        "annee": formats.annee(publication.annee),
        "contribue": bool(propres),
        "rubriques": [],
    }
    if not propres:
        # Donnant-donnant : une collectivité qui n'a rien apporté à cette publication (elle
        # vient d'adhérer, ou n'a aucun chiffre) ne voit pas les groupes des autres.
        return resume
    cles = cles_de_groupes(collectivite.nature, strate_de(collectivite.population))
    filtre = Q()
    for nature, strate in cles:
        filtre |= Q(nature=nature, strate=strate)
    statistiques: dict = {}
    for statistique in Statistique.objects.filter(publication=publication).filter(filtre):
        statistiques.setdefault(statistique.code, {})[(statistique.nature, statistique.strate)] = (
            statistique
        )
    rubriques: dict = {}
    for chiffre in chiffres.catalogue(Dimension.objects.order_by("numero")):
        ligne = LigneChiffre(chiffre=chiffre)
        propre = propres.get(chiffre.code)
        if propre is not None:
            ligne.valeur = chiffre.afficher(propre.valeur)
            ligne.annee, ligne.origine, ligne.precision = (
                formats.annee(propre.annee),
                propre.origine,
                propre.precision,
            )
        boites = []
        for rang, cle in enumerate(cles):
            statistique = statistiques.get(chiffre.code, {}).get(cle)
            if statistique is None:
                continue
            boites.append(
                (
                    rang,
                    statistique.premier_quartile,
                    statistique.mediane,
                    statistique.troisieme_quartile,
                )
            )
            ligne.groupes.append(
                LigneGroupe(
                    libelle=libelle_groupe(*cle),
                    effectif=tranche_effectif(statistique.effectif),
                    premier_quartile=chiffre.nombre(statistique.premier_quartile),
                    mediane=chiffre.nombre(statistique.mediane),
                    troisieme_quartile=chiffre.nombre(statistique.troisieme_quartile),
                    position=position(
                        propre.valeur if propre else None,
                        statistique.premier_quartile,
                        statistique.mediane,
                        statistique.troisieme_quartile,
                    ),
                )
            )
        if boites:
            ligne.graphique = boites_svg(
                titre=f"{chiffre.libelle} : votre valeur et les quartiles de vos groupes",
                unite=chiffre.unite,
                code=chiffre.code,
                groupes=boites,
                valeur=propre.valeur if propre else None,
            )
        rubriques.setdefault(chiffre.rubrique, []).append(ligne)
    return {**resume, "rubriques": list(rubriques.items())}
