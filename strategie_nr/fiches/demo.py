"""Données de démonstration de la feuille de route (appelé par `strategie_nr.demo.demo_charger`).

La Ville de Démo-sur-Loire : une v1 de 18 fiches actions sur les six axes, soumise par un agent
et validée par la référente (COPIL du 21 janvier 2025), puis une v2 en brouillon où quelques
fiches ont avancé, une a été retirée et une ajoutée. Tout passe par les services du domaine.
Idempotent : rien n'est créé si la commune a déjà une feuille de route.

Clés ajoutées au contexte : `fiche_demo` (première fiche de la version de travail),
`version_validee_demo`, `version_brouillon_demo`.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from indicateurs.models import IndicateurSuivi
from strategie_nr.referentiel.models import ActionExemple, Axe, Dimension, Pratique

from .enums import StatutVersion
from .models import FeuilleDeRoute, FicheAction, VersionFeuilleDeRoute
from .services import (
    feuille_de_route_nouvelle_version,
    feuille_de_route_soumettre,
    feuille_de_route_valider,
    fiche_creer,
    fiche_modifier,
    fiche_supprimer,
)

DATE_COPIL_V1 = datetime.date(2025, 1, 21)
REFERENT = "referent@demo.test"
PARC = "agent@demo.test"
ACHATS = "achats@demo.test"
FORMATION = "formation@demo.test"


def _fiche(axe, titre, responsable, debut, fin, budget, **autres) -> dict:
    return {
        "axe": axe,
        "titre": titre,
        "responsable": responsable,
        "debut": debut,
        "fin": fin,
        "budget": budget,
        **autres,
    }


# Chaque fiche : axe, titre, responsable (e-mail d'un membre de démo), démarrage et fin
# (année, mois), budget en euros ; puis le reste du modèle de fiche de l'ANCT. `exemple` : rang
# de l'action d'exemple de l'axe (traduction opérationnelle du décret) dont la fiche s'inspire.
FICHES = [
    # Axe 1 — commande publique durable
    _fiche(
        1,
        "Acheter des ordinateurs reconditionnés auprès d'acteurs de l'ESS",
        ACHATS,
        (2025, 2),
        (2026, 12),
        60000,
        exemple=1,
        pratique="e.1",
        dimension=3,
        priorite=3,
        difficulte=2,
        resultats="30 % des ordinateurs achetés chaque année sont reconditionnés.",
        contributeurs=[PARC],
        contributeurs_libres=["Ordi Solidaire Val de Loire"],
        moyens=(8, "jh"),
        ligne="Investissement DSI",
        budgets={2025: 25000, 2026: 35000},
        perimetres=["dsi", "tous_services"],
        prerequis="Allotir le marché de postes de travail.",
        statut="en_cours",
        engagement="realisation",
        indicateurs=[("Part des dépenses en équipements reconditionnés (%)", 22, 2026, "axe-1-1")],
        sous_actions=[
            ("Sourcer les reconditionneurs du territoire", "Achats", (2025, 3), True),
            ("Publier le lot « reconditionné »", "Achats", (2025, 6), True),
            ("Bilan des achats de l'année", "DSI", (2026, 1), False),
        ],
    ),
    _fiche(
        1,
        "Exiger 5 ans de mises à jour de sécurité et la réparabilité dans les marchés",
        ACHATS,
        (2025, 3),
        (2025, 12),
        0,
        exemple=6,
        pratique="e.2",
        dimension=3,
        priorite=3,
        difficulte=1,
        resultats="Tous les nouveaux marchés numériques comportent la clause.",
        moyens=(4, "jh"),
        perimetres=["tous_services"],
        statut="realisee",
        engagement="realisation",
        indicateurs=[("Marchés numériques avec clause de durabilité (%)", 100, 2025)],
        sous_actions=[("Rédiger la clause type avec le service juridique", "Achats", None, True)],
    ),
    _fiche(
        1,
        "Mutualiser un clausier numérique responsable avec l'agglomération",
        ACHATS,
        (2025, 9),
        (2026, 6),
        5000,
        exemple=7,
        priorite=2,
        difficulte=2,
        levier="Mutualiser les clausiers et les commandes à l'échelle du territoire",
        dimension=3,
        resultats="Un clausier commun aux 12 communes de l'agglomération.",
        contributeurs_libres=["Communauté d'agglomération du Val Démo"],
        moyens=(10, "jh"),
        ligne="Fonctionnement commande publique",
        budgets={2026: 5000},
        perimetres=["territoire"],
        statut="en_cours",
        engagement="experimentation",
        indicateurs=[("Communes utilisant le clausier", 12, 2026)],
    ),
    # Axe 2 — cycle de vie du matériel
    _fiche(
        2,
        "Allonger la durée d'usage des postes de travail de 5 à 7 ans",
        PARC,
        (2025, 1),
        (2027, 12),
        12000,
        pratique="d.2",
        dimension=5,
        priorite=3,
        difficulte=2,
        resultats="Durée de vie moyenne des ordinateurs portée à 7 ans.",
        moyens=(0.2, "etp"),
        ligne="Fonctionnement DSI",
        budgets={2025: 4000, 2026: 4000, 2027: 4000},
        perimetres=["dsi", "tous_services"],
        prerequis="Inventaire du parc à jour.",
        statut="en_cours",
        engagement="realisation",
        indicateurs=[("Durée de vie moyenne des ordinateurs (ans)", 7, 2027)],
        sous_actions=[
            ("Ajouter de la mémoire aux postes de 2019", "DSI", (2025, 6), True),
            ("Passer les postes anciens sous un système allégé", "DSI", (2026, 6), False),
        ],
    ),
    _fiche(
        2,
        "Donner les matériels réformés aux associations, avec traçabilité",
        PARC,
        (2025, 1),
        (2025, 12),
        0,
        exemple=5,
        pratique="i.2",
        dimension=5,
        priorite=3,
        difficulte=1,
        resultats="Plus aucun poste réemployable n'est envoyé en DEEE.",
        contributeurs_libres=["Ordi Solidaire Val de Loire", "DNID"],
        moyens=(6, "jh"),
        perimetres=["territoire"],
        statut="en_cours",
        engagement="realisation",
        indicateurs=[("Nombre de dons de matériels en externe", 120, 2025, "axe-2-2")],
        sous_actions=[
            ("Délibération cadre sur les dons (loi 3DS)", "Référente", (2025, 3), True),
            ("Registre des bénéficiaires", "DSI", (2025, 6), False),
        ],
    ),
    _fiche(
        2,
        "Contractualiser la réparation avec un réparateur labellisé QualiRépar",
        ACHATS,
        (2025, 4),
        (2026, 3),
        15000,
        exemple=8,
        priorite=2,
        difficulte=2,
        levier="Développer une filière de réparation sur le territoire",
        dimension=5,
        resultats="Les smartphones et portables hors garantie sont réparés localement.",
        contributeurs=[PARC],
        contributeurs_libres=["Répar'Tech Démo"],
        moyens=(5, "jh"),
        ligne="Fonctionnement DSI",
        budgets={2025: 7500, 2026: 7500},
        perimetres=["dsi"],
        statut="a_venir",
        engagement="experimentation",
        indicateurs=[("Équipements réparés par an", 120, 2026)],
    ),
    _fiche(
        2,
        "Faire collecter les DEEE par l'éco-organisme et tenir le registre",
        PARC,
        (2025, 1),
        (2025, 6),
        0,
        exemple=11,
        pratique="i.4",
        dimension=5,
        priorite=2,
        difficulte=1,
        resultats="100 % des DEEE tracés par bordereau.",
        contributeurs_libres=["Ecosystem"],
        moyens=(2, "jh"),
        perimetres=["tous_services"],
        statut="realisee",
        engagement="realisation",
        indicateurs=[("Poids de DEEE collectés par agent (kg)", 2, 2025)],
    ),
    # Axe 3 — écoconception
    _fiche(
        3,
        "Autodiagnostic RGESN des dix démarches en ligne les plus utilisées",
        REFERENT,
        (2025, 3),
        (2025, 11),
        8000,
        exemple=4,
        pratique="g.3",
        dimension=4,
        priorite=2,
        difficulte=2,
        resultats="Un score RGESN et un plan de correction par service.",
        contributeurs_libres=["IUT de Démo-sur-Loire, département informatique"],
        moyens=(15, "jh"),
        ligne="Fonctionnement DSI",
        budgets={2025: 8000},
        perimetres=["dsi"],
        statut="en_cours",
        engagement="experimentation",
        indicateurs=[("Services numériques diagnostiqués RGESN", 10, 2025)],
        sous_actions=[("Former l'équipe web à NumEcoDiag", "DSI", (2025, 4), True)],
    ),
    _fiche(
        3,
        "Intégrer le RGESN aux marchés de développement et d'hébergement",
        ACHATS,
        (2025, 6),
        (2026, 6),
        0,
        exemple=3,
        pratique="h.1",
        dimension=3,
        priorite=2,
        difficulte=1,
        resultats="Les prestataires rendent compte de leur conformité au RGESN.",
        contributeurs=[REFERENT],
        moyens=(3, "jh"),
        perimetres=["dsi"],
        statut="a_venir",
        engagement="reflexion",
        indicateurs=[("Marchés avec clause RGESN", 4, 2026)],
    ),
    _fiche(
        3,
        "Regrouper les serveurs et refroidir la salle par air extérieur",
        PARC,
        (2025, 9),
        (2027, 6),
        85000,
        exemple=6,
        pratique="h.5",
        dimension=4,
        priorite=2,
        difficulte=3,
        resultats="Consommation des salles serveurs réduite de 30 %.",
        contributeurs_libres=["Loire Data Hébergement"],
        moyens=(40, "jh"),
        ligne="Investissement bâtiments",
        budgets={2026: 60000, 2027: 25000},
        perimetres=["dsi"],
        prerequis="Étude thermique de la salle principale.",
        statut="a_venir",
        engagement="reflexion",
        indicateurs=[("Consommation des salles serveurs (MWh/an)", 147, 2027)],
    ),
    # Axe 4 — agents et élus
    _fiche(
        4,
        "Intégrer le numérique responsable au plan de formation",
        FORMATION,
        (2025, 2),
        (2025, 10),
        20000,
        pratique="b.2",
        dimension=6,
        priorite=3,
        difficulte=2,
        resultats="Les équipes de la DSI et des métiers appliquent les bonnes pratiques.",
        moyens=(5, "jh"),
        ligne="Plan de formation",
        budgets={2025: 20000},
        perimetres=["tous_services"],
        prerequis="Budget validé en COPIL.",
        statut="en_cours",
        engagement="realisation",
        indicateurs=[("Agents formés", 120, 2025)],
        sous_actions=[
            ("Inscrire le module au plan de formation", "RH", (2025, 2), True),
            ("Choisir l'organisme de formation", "Achats", (2025, 4), True),
        ],
    ),
    _fiche(
        4,
        "Ateliers croisés sobriété et cybersécurité, faux hameçonnage",
        REFERENT,
        (2025, 4),
        (2026, 4),
        6000,
        exemple=2,
        dimension=6,
        priorite=2,
        difficulte=1,
        levier="Organiser des campagnes de faux-phishing et des ateliers croisés",
        resultats="Taux de clic sur le faux hameçonnage divisé par deux.",
        contributeurs=[FORMATION],
        moyens=(8, "jh"),
        ligne="Fonctionnement DSI",
        budgets={2025: 3000, 2026: 3000},
        perimetres=["tous_services"],
        statut="en_pause",
        engagement="experimentation",
        indicateurs=[("Nombre d'ateliers réalisés", 12, 2026, "axe-4-1")],
    ),
    _fiche(
        4,
        "Cycle de sensibilisation des élus de la ville et de l'agglomération",
        REFERENT,
        (2025, 10),
        (2026, 6),
        3000,
        exemple=8,
        pratique="b.1",
        dimension=1,
        priorite=2,
        difficulte=1,
        resultats="Tous les élus délégués ont suivi une fresque du numérique.",
        contributeurs=[FORMATION],
        moyens=(4, "jh"),
        ligne="Cabinet",
        budgets={2026: 3000},
        perimetres=["territoire"],
        statut="a_venir",
        engagement="reflexion",
        indicateurs=[("Élus sensibilisés", 45, 2026)],
    ),
    # Axe 5 — habitants
    _fiche(
        5,
        "Fresques du numérique grand public dans les médiathèques",
        FORMATION,
        (2025, 3),
        (2026, 12),
        9000,
        exemple=2,
        dimension=6,
        priorite=2,
        difficulte=1,
        levier="Organiser des ateliers de type fresque du numérique",
        resultats="Un atelier par mois dans chaque médiathèque.",
        contributeurs_libres=["Conseillers numériques", "Repair café de la médiathèque Madeleine"],
        moyens=(0.1, "etp"),
        ligne="Culture",
        budgets={2025: 4500, 2026: 4500},
        perimetres=["territoire"],
        statut="en_cours",
        engagement="realisation",
        indicateurs=[("Habitants touchés", 600, 2026)],
    ),
    _fiche(
        5,
        "Soutenir un repair café numérique dans chaque quartier",
        REFERENT,
        (2025, 6),
        (2027, 6),
        24000,
        exemple=4,
        dimension=7,
        priorite=1,
        difficulte=2,
        levier="Mettre en place des recycleries / repair'cafés numériques",
        resultats="Trois repair cafés numériques réguliers.",
        contributeurs_libres=["Repair café de la médiathèque Madeleine"],
        moyens=(12, "jh"),
        ligne="Politique de la ville",
        budgets={2025: 8000, 2026: 8000, 2027: 8000},
        perimetres=["territoire"],
        statut="a_venir",
        engagement="experimentation",
        indicateurs=[("Objets numériques réparés", 300, 2027)],
    ),
    _fiche(
        5,
        "Campagne d'information des habitants sur la durée de vie des smartphones",
        FORMATION,
        (2025, 9),
        (2025, 12),
        7000,
        exemple=5,
        dimension=6,
        priorite=1,
        difficulte=1,
        levier="Mener des campagnes de communication vers les habitants",
        resultats="Une campagne d'affichage et un dossier dans le magazine municipal.",
        moyens=(3, "jh"),
        ligne="Communication",
        budgets={2025: 7000},
        perimetres=["territoire"],
        statut="a_venir",
        engagement="reflexion",
        indicateurs=[("Campagnes organisées", 4, 2025, "axe-5-1")],
    ),
    # Axe 6 — territoire connecté et données
    _fiche(
        6,
        "Adopter une charte territoriale de la donnée",
        REFERENT,
        (2025, 5),
        (2026, 12),
        10000,
        exemple=4,
        pratique="f.4",
        dimension=1,
        priorite=1,
        difficulte=3,
        resultats="Charte adoptée par la ville, l'agglomération et trois partenaires.",
        contributeurs_libres=[
            "Communauté d'agglomération du Val Démo",
            "Région Centre-Val de Loire",
        ],
        moyens=(20, "jh"),
        ligne="Fonctionnement DSI",
        budgets={2025: 5000, 2026: 5000},
        perimetres=["territoire"],
        statut="en_cours",
        engagement="reflexion",
        indicateurs=[("Signataires de la charte", 5, 2026)],
    ),
    _fiche(
        6,
        "Évaluer la pertinence des capteurs connectés avant tout déploiement",
        PARC,
        (2025, 1),
        (2025, 9),
        0,
        exemple=3,
        pratique="a.8",
        dimension=1,
        priorite=2,
        difficulte=1,
        resultats="Chaque projet de capteurs passe une grille de pertinence environnementale.",
        contributeurs=[REFERENT],
        moyens=(3, "jh"),
        perimetres=["territoire"],
        statut="realisee",
        engagement="realisation",
        indicateurs=[("Projets évalués avec la grille", 4, 2025)],
    ),
]

# La v2 en cours : ce qui a bougé depuis la validation de la v1.
V2_MODIFICATIONS = {
    "Acheter des ordinateurs reconditionnés auprès d'acteurs de l'ESS": {"budget": 70000},
    "Donner les matériels réformés aux associations, avec traçabilité": {"statut": "realisee"},
    "Intégrer le numérique responsable au plan de formation": {
        "fin": datetime.date(2026, 12, 1),
        "statut": "en_cours",
    },
    "Autodiagnostic RGESN des dix démarches en ligne les plus utilisées": {"statut": "realisee"},
    "Cycle de sensibilisation des élus de la ville et de l'agglomération": {
        "fin": datetime.date(2027, 6, 1),
        "statut": "en_pause",
    },
    "Contractualiser la réparation avec un réparateur labellisé QualiRépar": {"statut": "en_cours"},
    "Ateliers croisés sobriété et cybersécurité, faux hameçonnage": {"statut": "abandonnee"},
}
V2_RETIREE = "Campagne d'information des habitants sur la durée de vie des smartphones"
V2_AJOUTEE = _fiche(
    3,
    "Éteindre automatiquement les postes et les écrans la nuit",
    PARC,
    (2026, 12),
    (2027, 6),
    0,
    pratique="f.8",
    dimension=4,
    priorite=3,
    difficulte=1,
    resultats="Les postes inutilisés sont éteints chaque soir à 20 h.",
    moyens=(5, "jh"),
    perimetres=["dsi", "tous_services"],
    statut="a_venir",
    engagement="experimentation",
    indicateurs=[("Postes éteints la nuit (%)", 90, 2026)],
)


def _date(valeur):
    return None if valeur is None else datetime.date(valeur[0], valeur[1], 1)


def _arguments(fiche: dict, membres: dict, references: dict) -> dict:
    """Les arguments de `fiche_creer` pour une fiche de la liste."""
    moyens, unite = fiche.get("moyens", (None, "jh"))
    donnees = {
        "axe": references["axes"][fiche["axe"]],
        "dimension": references["dimensions"].get(fiche.get("dimension")),
        "pratique": references["pratiques"].get(fiche.get("pratique")),
        "action_exemple": references["exemples"].get((fiche["axe"], fiche.get("exemple"))),
        "levier_libre": fiche.get("levier", ""),
        "titre": fiche["titre"],
        "priorite": fiche.get("priorite", 2),
        "difficulte": fiche.get("difficulte", 2),
        "resultats_attendus": fiche.get("resultats", ""),
        "debut": _date(fiche["debut"]),
        "fin": _date(fiche["fin"]),
        "responsable": membres[fiche["responsable"]],
        "contributeurs_libres": fiche.get("contributeurs_libres", []),
        "moyens_humains": None if moyens is None else Decimal(str(moyens)),
        "moyens_unite": unite,
        "budget": fiche["budget"],
        "ligne_budgetaire": fiche.get("ligne", ""),
        "perimetres": fiche.get("perimetres", []),
        "prerequis": fiche.get("prerequis", ""),
        "statut": fiche.get("statut", "a_venir"),
        "engagement": fiche.get("engagement", "reflexion"),
    }
    return {
        "donnees": donnees,
        "contributeurs": [membres[email] for email in fiche.get("contributeurs", [])],
        # (libellé, cible, année[, clé de l'indicateur suivi auquel la cible se rattache])
        "indicateurs": [
            {
                "libelle": libelle,
                "valeur_cible": cible,
                "annee_cible": annee,
                "indicateur_suivi": references["suivis"].get(suivi[0]) if suivi else None,
            }
            for libelle, cible, annee, *suivi in fiche.get("indicateurs", [])
        ],
        "sous_actions": [
            {"quoi": quoi, "qui": qui, "echeance": _date(echeance), "fait": fait}
            for quoi, qui, echeance, fait in fiche.get("sous_actions", [])
        ],
        "budgets": [
            {"annee": annee, "montant": montant}
            for annee, montant in fiche.get("budgets", {}).items()
        ],
    }


def _references(commune) -> dict:
    return {
        "suivis": {
            s.definition.cle: s
            for s in IndicateurSuivi.objects.for_collectivite(commune).select_related("definition")
        },
        "axes": {axe.numero: axe for axe in Axe.objects.all()},
        "dimensions": {d.numero: d for d in Dimension.objects.all()},
        "pratiques": {p.code: p for p in Pratique.objects.all()},
        "exemples": {
            (a.axe.numero, a.ordre): a for a in ActionExemple.objects.select_related("axe")
        },
    }


@transaction.atomic
def _creer(commune, membres: dict) -> None:
    references = _references(commune)
    referent = membres[REFERENT]
    for fiche in FICHES:
        fiche_creer(
            collectivite=commune,
            auteur=membres[fiche["responsable"]],
            **_arguments(fiche, membres, references),
        )
    v1 = VersionFeuilleDeRoute.objects.for_collectivite(commune).get(numero=1)
    v1 = feuille_de_route_soumettre(version=v1, auteur=membres[PARC], notifier=False)
    feuille_de_route_valider(version=v1, auteur=referent, date_copil=DATE_COPIL_V1, notifier=False)

    v2 = feuille_de_route_nouvelle_version(collectivite=commune, auteur=referent)
    fiches_v2 = {f.titre: f for f in FicheAction.objects.filter(version=v2)}
    for titre, changements in V2_MODIFICATIONS.items():
        fiche = fiches_v2[titre]
        fiche_modifier(
            fiche=fiche,
            auteur=fiche.responsable,
            revision=fiche.revision,
            donnees=changements,
        )
    fiche_supprimer(fiche=fiches_v2[V2_RETIREE], auteur=referent)
    fiche_creer(
        collectivite=commune,
        auteur=membres[V2_AJOUTEE["responsable"]],
        **_arguments(V2_AJOUTEE, membres, references),
    )


def charger(contexte: dict) -> None:
    """Idempotent : un second passage ne crée ni ne modifie rien."""
    commune = contexte["commune"]
    if not FeuilleDeRoute.objects.for_collectivite(commune).exists():
        _creer(commune, contexte["membres"])
    versions = VersionFeuilleDeRoute.objects.for_collectivite(commune)
    contexte["version_validee_demo"] = versions.validees().order_by("numero").first()
    contexte["version_brouillon_demo"] = versions.filter(statut=StatutVersion.BROUILLON).first()
    contexte["fiche_demo"] = (
        FicheAction.objects.for_collectivite(commune).order_by("-version__numero", "pk").first()
    )
