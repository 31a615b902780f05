"""Démo des indicateurs : une quinzaine d'indicateurs suivis (2022–2025, cibles 2025 à 2027),
des manuels et, si le parc les déclare, des calculés ; quelques objectifs par axe."""

from decimal import Decimal

from django.db import transaction

from strategie_nr.referentiel.models import Axe

from .calculs import calcul_de
from .enums import Mode, Periodicite
from .models import Cible, DefinitionIndicateur, IndicateurSuivi, Objectif, Valeur

# clé → (responsable, (année, valeur) de référence, valeurs 2022–2025, cibles 2025–2027, source)
MANUELS = {
    "axe-1-1": (
        "achats@demo.test",
        (2022, "6"),
        ["6", "11.5", "16", "21.4"],
        ["20", "22", "25"],
        "Mandats du chapitre 21, service financier",
    ),
    "axe-1-2": (
        "achats@demo.test",
        (2022, "1"),
        ["1", "2", "4", "5"],
        ["4", "6", "8"],
        "Registre des marchés",
    ),
    "axe-2-2": (
        "agent@demo.test",
        (2022, "35"),
        ["35", "62", "98", "121"],
        ["120", "140", "150"],
        "Conventions de don signées",
    ),
    "axe-2-3": (
        "agent@demo.test",
        (2022, "40"),
        ["40", "55", "71", "88"],
        ["80", "100", "110"],
        "Outil de gestion de parc",
    ),
    "axe-2-5": (
        "agent@demo.test",
        (2022, "0"),
        ["0", "0", "1", "1"],
        ["1", "1", "1"],
        "Marché de réparation",
    ),
    "axe-3-1": (
        "formation@demo.test",
        (2023, "5"),
        [None, "5", "18", "31"],
        ["30", "45", "60"],
        "Plan de formation",
    ),
    "axe-3-2": (
        "referent@demo.test",
        (2023, "0"),
        [None, "0", "2", "3"],
        ["4", "4", "6"],
        "Revue de projets de la DSI",
    ),
    "axe-3-3": (
        "referent@demo.test",
        (2024, "38"),
        [None, None, "38", "52"],
        ["55", "65", "75"],
        "Auto-diagnostic RGESN du site",
    ),
    "axe-4-1": (
        "formation@demo.test",
        (2022, "2"),
        ["2", "4", "7", "9"],
        ["10", "12", "12"],
        "Bilan formation",
    ),
    "axe-4-2": (
        "formation@demo.test",
        (2022, "30"),
        ["30", "85", "160", "240"],
        ["200", "300", "350"],
        "Feuilles d'émargement",
    ),
    "axe-5-1": (
        "referent@demo.test",
        (2023, "1"),
        [None, "1", "3", "5"],
        ["4", "6", "8"],
        "Service communication",
    ),
    "axe-5-2": (
        "referent@demo.test",
        (2023, "120"),
        [None, "120", "640", "1150"],
        ["1200", "1600", "2000"],
        "Estimation des médiateurs",
    ),
    "pratique-a.3-1": (
        "referent@demo.test",
        (2022, "0"),
        ["0", "0", "1", "1"],
        ["1", "1", "1"],
        "COPIL",
    ),
}
# Indicateurs calculés à suivre s'ils existent (déclarés par le parc).
CALCULES_PREFERES = 3

OBJECTIFS = [
    (
        1,
        "Au moins 20 % des dépenses d'équipement en reconditionné dès 2025 (objectif communal).",
        Periodicite.ANNUEL,
        "axe-1-1",
        2025,
        "20",
    ),
    (
        1,
        "Des clauses environnementales dans 8 marchés numériques en 2027.",
        Periodicite.PLURIANNUEL,
        "axe-1-2",
        2027,
        "8",
    ),
    (
        2,
        "Donner 150 équipements par an aux associations, écoles et au CCAS d'ici 2027.",
        Periodicite.PLURIANNUEL,
        "axe-2-2",
        2027,
        "150",
    ),
    (
        3,
        "60 % des agents du numérique et de la communication formés à l'écoconception en 2027.",
        Periodicite.PLURIANNUEL,
        "axe-3-1",
        2027,
        "60",
    ),
    (
        4,
        "Un atelier de sensibilisation par mois dans les services en 2026.",
        Periodicite.ANNUEL,
        "axe-4-1",
        2026,
        "12",
    ),
    (
        5,
        "Toucher 2 000 habitants par la médiation numérique responsable en 2027.",
        Periodicite.PLURIANNUEL,
        "axe-5-2",
        2027,
        "2000",
    ),
    (
        6,
        "Cartographier les objets connectés du territoire et leurs usages avant fin 2026.",
        Periodicite.PLURIANNUEL,
        None,
        None,
        None,
    ),
]


def _valeur(texte):
    return None if texte is None else Decimal(texte)


@transaction.atomic
def charger(contexte: dict) -> None:
    commune, membres = contexte["commune"], contexte["membres"]
    definitions = {d.cle: d for d in DefinitionIndicateur.objects.filter(collectivite=None)}
    if not definitions:
        return
    suivis = {}
    for cle, (email, base, valeurs, cibles, source) in MANUELS.items():
        suivi, cree = IndicateurSuivi.objects.get_or_create(
            collectivite=commune,
            definition=definitions[cle],
            defaults={
                "responsable": membres[email],
                "annee_base": base[0],
                "valeur_base": _valeur(base[1]),
            },
        )
        suivis[cle] = suivi
        if not cree:
            continue
        Valeur.objects.bulk_create(
            Valeur(suivi=suivi, annee=2022 + rang, valeur=_valeur(v), source=source)
            for rang, v in enumerate(valeurs)
            if v is not None
        )
        Cible.objects.bulk_create(
            Cible(suivi=suivi, annee=2025 + rang, valeur=_valeur(v))
            for rang, v in enumerate(cibles)
        )
    # Un chiffre n'est suivi qu'une fois : les dons du parc le sont déjà par l'indicateur
    # « Nombre de dons de matériels en externe » du référentiel, qu'ils calculent.
    deja = {calcul.code for suivi in suivis.values() if (calcul := calcul_de(suivi.definition))}
    calcules = [
        definition
        for definition in DefinitionIndicateur.objects.filter(
            collectivite=None, mode=Mode.CALCULE
        ).order_by("cle")
        if definition.code_calcul not in deja
    ][:CALCULES_PREFERES]
    for definition in calcules:
        IndicateurSuivi.objects.get_or_create(
            collectivite=commune,
            definition=definition,
            defaults={"responsable": membres["agent@demo.test"]},
        )
    axes = {axe.numero: axe for axe in Axe.objects.all()}
    for ordre, (axe, enonce, periodicite, cle, annee, valeur) in enumerate(OBJECTIFS):
        Objectif.objects.get_or_create(
            collectivite=commune,
            enonce=enonce,
            defaults={
                "axe": axes[axe],
                "periodicite": periodicite,
                "suivi": suivis.get(cle),
                "annee_cible": annee,
                "valeur_cible": _valeur(valeur),
                "ordre": ordre,
            },
        )
    contexte["indicateur_suivi_demo"] = suivis["axe-2-2"]
