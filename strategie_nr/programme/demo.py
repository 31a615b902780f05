"""Données de démonstration du programme de travail (appelé par `strategie_nr.demo.demo_charger`).

La Ville de Démo-sur-Loire : une dizaine de parties prenantes du territoire, un bilan d'impact
rédigé et six actions déjà engagées. Clés ajoutées au contexte : `partie_prenante_demo`,
`action_engagee_demo`.
"""

from django.db import transaction

from strategie_nr.referentiel.models import Axe

from .enums import NaturePartiePrenante as N
from .models import ActionEngagee, BilanImpact, PartiePrenante
from .services import action_engagee_creer, bilan_enregistrer, partie_prenante_creer

PARTIES_PRENANTES = [
    # (nom, nature, QualiRépar, rôle, contact)
    (
        "Communauté d'agglomération du Val Démo",
        N.COLLECTIVITE,
        False,
        "DSI mutualisée avec la ville ; porte la collecte des déchets et le PCAET du territoire.",
        "Marc Petit, DSI mutualisée — referent@valdemo.test",
    ),
    (
        "Région Centre-Val de Loire",
        N.COLLECTIVITE,
        False,
        "Climate Data Hub : partage des données climatiques ; cofinancement des tiers-lieux.",
        "Direction du numérique — 02 38 70 30 30",
    ),
    (
        "Direction régionale de l'ADEME Centre-Val de Loire",
        N.ETAT,
        False,
        "Appui méthodologique au bilan d'impact, facteurs d'émission, financement d'études.",
        "Pôle économie circulaire",
    ),
    (
        "Direction nationale d'interventions domaniales (DNID)",
        N.ETAT,
        False,
        "Plateforme de dons des matériels réformés, modèle de contrat de cession.",
        "dons.encheres-domaine.gouv.fr",
    ),
    (
        "Ecosystem",
        N.ECO_ORGANISME,
        False,
        "Collecte et traitement des DEEE professionnels de la ville, bordereaux de suivi.",
        "Chargée de partenariats collectivités, région Centre",
    ),
    (
        "Ordi Solidaire Val de Loire",
        N.ESS,
        False,
        "Association d'insertion : reconditionne les postes réformés et les redistribue aux "
        "familles suivies par le CCAS.",
        "Atelier de la zone des Varennes — contact@ordisolidaire.exemple",
    ),
    (
        "Répar'Tech Démo",
        N.REPARATEUR,
        True,
        "Réparation des smartphones et ordinateurs des agents hors garantie ; relais du bonus "
        "réparation auprès des habitants.",
        "Boutique rue Bannier — 02 38 00 00 00",
    ),
    (
        "Repair café de la médiathèque Madeleine",
        N.ESS,
        False,
        "Ateliers mensuels de réparation et de sensibilisation des habitants.",
        "Bénévoles, un samedi par mois",
    ),
    (
        "Lycée professionnel Jean-Moulin",
        N.ETABLISSEMENT_SCOLAIRE,
        False,
        "Section « systèmes numériques » : chantiers de reconditionnement encadrés.",
        "Chef de travaux",
    ),
    (
        "IUT de Démo-sur-Loire, département informatique",
        N.ENSEIGNEMENT_SUPERIEUR,
        False,
        "Projets tutorés d'écoconception (RGESN) sur les démarches en ligne de la ville.",
        "Responsable des projets tutorés",
    ),
    (
        "Loire Data Hébergement",
        N.ENTREPRISE,
        False,
        "Hébergeur local des applications métiers : fournit la consommation électrique et le "
        "PUE des salles.",
        "Direction commerciale secteur public",
    ),
]

BILAN = {
    "perimetre": (
        "Les équipements et services numériques de la ville (1 450 agents, 42 sites), ses "
        "services en ligne aux habitants, et les usages du territoire quand des données "
        "publiques existent (couverture fibre, équipements des écoles)."
    ),
    "methode": (
        "Inventaire du parc issu de GLPI (décembre 2024), facteurs d'émission de l'étude "
        "ADEME–Arcep 2022 publiés dans la base impactCO2, factures d'électricité des deux "
        "salles serveurs, questionnaire de maturité rempli par douze agents."
    ),
    "constats": (
        "La fabrication des équipements pèse plus des trois quarts de l'empreinte : les "
        "ordinateurs et les écrans d'abord, puis les smartphones.\n"
        "Le renouvellement des postes suit un cycle de 5 ans, sans examen de l'état réel.\n"
        "Les matériels réformés partent pour moitié en DEEE alors qu'ils sont réemployables."
    ),
    "chiffres_cles": (
        "Salles serveurs : 210 MWh en 2024 (relevés du fournisseur d'énergie).\n"
        "Équipements, empreinte du parc et DEEE : les chiffres de l'inventaire, calculés dans "
        "la partie « Parc » pour chaque année close."
    ),
    "limites": (
        "Les usages des habitants et l'empreinte des services hébergés hors de la ville ne "
        "sont pas mesurés ; une étude avec l'agglomération est prévue en 2026."
    ),
}

ACTIONS_ENGAGEES = [
    # (axe, titre, description, depuis, résultats)
    (
        1,
        "Postes reconditionnés dans le marché de fourniture",
        "Un lot « matériel reconditionné » a été ajouté au marché de postes de travail, avec "
        "une garantie de trois ans.",
        2022,
        "18 % des ordinateurs achetés en 2024 sont reconditionnés.",
    ),
    (
        2,
        "Don des ordinateurs réformés à une association d'insertion",
        "Convention avec Ordi Solidaire Val de Loire : effacement certifié des données, "
        "reconditionnement et redistribution tracée.",
        2021,
        "212 postes donnés depuis 2021, redistribués à 180 familles.",
    ),
    (
        2,
        "Collecte des DEEE par l'éco-organisme",
        "Enlèvement trimestriel des équipements hors d'usage par Ecosystem et son partenaire "
        "local, avec bordereaux de suivi.",
        2019,
        "Tonnages suivis dans l'inventaire (partie « Parc »).",
    ),
    (
        3,
        "Refonte sobre du site internet de la ville",
        "Nouveau site conçu avec le RGESN : images compressées, pas de vidéo en lecture "
        "automatique, pages allégées.",
        2023,
        "Poids moyen d'une page divisé par trois (2,1 Mo → 0,7 Mo).",
    ),
    (
        4,
        "Fresques du numérique pour les agents et les élus",
        "Ateliers de trois heures animés par deux agents formés.",
        2023,
        "6 ateliers, 84 agents et 9 élus sensibilisés.",
    ),
    (
        5,
        "Ateliers numériques responsables dans les médiathèques",
        "Les conseillers numériques proposent chaque mois un atelier sur l'allongement de la "
        "durée de vie des smartphones.",
        2024,
        "11 ateliers, environ 150 habitants.",
    ),
]


@transaction.atomic
def charger(contexte: dict) -> None:
    """Idempotent : un second passage ne crée ni ne modifie rien."""
    commune = contexte["commune"]
    auteur = contexte["membres"]["referent@demo.test"]
    existantes = set(PartiePrenante.objects.for_collectivite(commune).values_list("nom", flat=True))
    for nom, nature, qualirepar, role, contact in PARTIES_PRENANTES:
        if nom not in existantes:
            partie_prenante_creer(
                collectivite=commune,
                auteur=auteur,
                donnees={
                    "nom": nom,
                    "nature": nature,
                    "label_qualirepar": qualirepar,
                    "role": role,
                    "contact": contact,
                },
            )
    if not BilanImpact.objects.for_collectivite(commune).exists():
        bilan_enregistrer(collectivite=commune, auteur=auteur, donnees=BILAN)
    axes = {axe.numero: axe for axe in Axe.objects.all()}
    titres = set(ActionEngagee.objects.for_collectivite(commune).values_list("titre", flat=True))
    for numero, titre, description, depuis, resultats in ACTIONS_ENGAGEES:
        if titre not in titres:
            action_engagee_creer(
                collectivite=commune,
                auteur=auteur,
                donnees={
                    "axe": axes[numero],
                    "titre": titre,
                    "description": description,
                    "depuis": depuis,
                    "resultats": resultats,
                },
            )
    contexte["partie_prenante_demo"] = (
        PartiePrenante.objects.for_collectivite(commune).order_by("pk").first()
    )
    contexte["action_engagee_demo"] = (
        ActionEngagee.objects.for_collectivite(commune).order_by("pk").first()
    )
