"""Lectures des données publiées : la collectivité et ses choix, les lignes d'indicateurs, la
stratégie validée, les déclarations AGEC ; mises en cache par `publication` et par jour.

Une valeur par chiffre : les valeurs viennent de la seule source des indicateurs
(`indicateurs.selectors`, valeur retenue : calculée depuis l'inventaire pour les années qu'il
couvre, sinon déclarée). Seules les années closes ont une valeur publiée ; l'année en cours et
les suivantes ne portent que leur cible.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from collectivites.models import Collectivite
from indicateurs.selectors import derniere_annee_close, indicateurs_suivis_tableau
from parc import conformite
from strategie_nr.documents.models import DocumentOfficiel
from strategie_nr.plateforme.selectors import historique_des_types

from .models import Publication

VERSION_API = "1"
LICENCE = {
    "nom": "Licence Ouverte / Open Licence version 2.0",
    "identifiant": "etalab-2.0",  # identifiant SPDX
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
# Colonnes des lignes d'indicateurs, dans l'ordre du CSV, avec leur description (README).
CHAMPS = {
    "identifiant": "Identifiant stable de l'indicateur sur cette instance",
    "axe": "Numéro de l'axe thématique REEN (1 à 6)",
    "indicateur": "Libellé de l'indicateur",
    "unite": "Unité de la valeur et de la cible",
    "sens": "« hausse » si une hausse est une amélioration, « baisse » sinon",
    "annee": "Année civile",
    "valeur": "Valeur retenue de l'année close (vide pour l'année en cours et les suivantes)",
    "source": "« calcule » (depuis l'inventaire du parc) ou « declare » (saisi par la "
    "collectivité) ; vide sans valeur",
    "cible": "Valeur cible de l'année, vide sans cible",
}
CALCULE, DECLARE = "calcule", "declare"
PRECISION = Decimal("0.0001")  # la précision d'enregistrement des valeurs
# Déclarations AGEC proposées : les années closes, depuis la première du schéma national.
PREMIERE_ANNEE_AGEC = 2021
ANNEES_AGEC = 5


def collectivite_par_code(code: str) -> Collectivite | None:
    """La collectivité de ce code officiel (INSEE ou SIREN), avec ses choix de publication."""
    return (
        Collectivite.objects.select_related("publication")
        .filter(code_officiel=code.strip().upper())
        .first()
    )


def publication_de(collectivite) -> Publication:
    """Les choix de publication ; ceux par défaut (rien de publié) s'ils n'ont jamais été faits."""
    try:
        return collectivite.publication
    except Publication.DoesNotExist:
        return Publication(collectivite=collectivite)


def historique_de(collectivite):
    """Qui a publié ou retiré quoi, et quand : l'historique commun."""
    return historique_des_types(collectivite, "donnees.publication")


def _cle(publication, quoi: str) -> str:
    """Clé de cache : change avec les choix de publication (tout changement de choix rend les
    anciennes réponses inaccessibles) et chaque jour (années closes)."""
    return (
        f"donnees:v{VERSION_API}:{publication.collectivite_id}:{quoi}:"
        f"{publication.modifiee_le.timestamp()}:{timezone.localdate().isoformat()}"
    )


def _en_cache(publication, quoi: str, calculer):
    cle = _cle(publication, quoi)
    donnees = cache.get(cle)
    if donnees is None:
        donnees = calculer()
        cache.set(cle, donnees, settings.DONNEES_CACHE_SECONDES)
    return donnees


def _nombre(valeur, decimales: int | None = None) -> Decimal | None:
    """Au plus quatre décimales (la précision d'enregistrement) ; une valeur calculée est
    arrondie aux décimales de l'indicateur, comme sur les pages et dans les documents."""
    if valeur is None:
        return None
    precision = PRECISION if decimales is None else Decimal(1).scaleb(-decimales)
    return Decimal(valeur).quantize(precision, ROUND_HALF_UP).normalize()


def indicateurs_lignes(collectivite) -> list[dict]:
    """Une ligne par indicateur suivi et par année qui a une valeur (années closes) ou une
    cible ; valeurs et cibles en `Decimal` : une valeur déclarée telle que saisie, une valeur
    calculée arrondie aux décimales de l'indicateur (le chiffre des pages et des documents)."""
    tableau = indicateurs_suivis_tableau(collectivite)
    close = derniere_annee_close()
    lignes = []
    for ligne in tableau["lignes"]:
        definition = ligne.definition
        identifiant = definition.cle or definition.code_calcul or f"indicateur-{definition.pk}"
        for annee in tableau["annees"]:
            retenue = ligne.retenue(annee) if annee <= close else None
            cible = ligne.cibles.get(annee)
            if retenue is None and cible is None:
                continue
            source = valeur = None
            if retenue is not None:
                source = CALCULE if retenue.calculee else DECLARE
                decimales = definition.precision if retenue.calculee else None
                valeur = _nombre(retenue.valeur, decimales)
            lignes.append(
                {
                    "identifiant": identifiant,
                    "axe": definition.axe.numero,
                    "indicateur": definition.libelle,
                    "unite": definition.get_unite_display(),
                    "sens": definition.sens,
                    "annee": annee,
                    "valeur": valeur,
                    "source": source,
                    "cible": _nombre(cible),
                }
            )
    return lignes


def indicateurs_publies(publication) -> dict:
    """Les lignes publiées, l'heure où elles ont été lues et la dernière année close."""
    collectivite = publication.collectivite

    def calculer():
        return {
            "genere_le": timezone.now(),
            "derniere_annee_close": derniere_annee_close(),
            "lignes": indicateurs_lignes(collectivite),
        }

    return _en_cache(publication, "indicateurs", calculer)


def annees_agec() -> list[int]:
    close = derniere_annee_close()
    return list(range(close, max(PREMIERE_ANNEE_AGEC, close - ANNEES_AGEC + 1) - 1, -1))


def declarations_agec_publiees(publication) -> dict[int, list[dict]]:
    """Année close → lignes de la déclaration AGEC au schéma national, pour les années qui
    ont une dépense ou un don ; rien sans SIRET (la déclaration en a besoin)."""
    collectivite = publication.collectivite

    def calculer():
        annees = annees_agec()
        conformite.agec_des_annees(collectivite, annees)  # toutes les années en une fois
        declarations = {}
        for annee in annees:
            try:
                lignes = conformite.declaration_agec_lignes(collectivite, annee)
            except conformite.DeclarationImpossible:
                return {}
            if lignes:
                declarations[annee] = lignes
        return declarations

    return _en_cache(publication, "agec", calculer)


def strategie_publiee(collectivite, *, avec_contenu: bool = False) -> DocumentOfficiel | None:
    """Le document officiel de la dernière version validée de la feuille de route, tel qu'il a
    été enregistré à la validation ; None sans version validée."""
    documents = DocumentOfficiel.objects.for_collectivite(collectivite).select_related("version")
    if not avec_contenu:
        documents = documents.defer("contenu")
    return documents.order_by("-version__numero").first()
