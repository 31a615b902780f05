"""Démo de la comparaison : seize collectivités fictives participantes, la commune de démo
inscrite, et une première publication.

Groupes de la commune 45999 (commune de 82 000 habitants) : toutes les participantes (17),
les communes (12), les collectivités de 50 001 à 100 000 habitants (12), les communes de
50 001 à 100 000 habitants (7) ; chaque groupe diffère des autres d'au moins cinq
collectivités, tous sont donc montrés. L'EPCI de démo ne participe pas.

Tout est créé par lots (`bulk_create`), une seule fois : un second passage ne crée ni ne
modifie rien.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from collectivites.enums import Nature, Role
from collectivites.models import Collectivite, Membre, Utilisateur
from collectivites.validators import siren_valide
from parc.enums import Destination, Origine, Statut
from parc.models import Equipement, TypeEquipement
from strategie_nr.diagnostic.models import Campagne, Question, ReponseConsolidee
from strategie_nr.fiches.enums import StatutFiche, StatutVersion
from strategie_nr.fiches.models import FeuilleDeRoute, FicheAction, VersionFeuilleDeRoute
from strategie_nr.referentiel.models import Axe

from .models import Publication
from .services import comparaison_publier

PREFIXE_NOM = "Collectivité fictive de comparaison"


def _siren(debut: str) -> str:
    """Complète 8 chiffres par la clé de Luhn (celle que vérifie `siren_valide`)."""
    return next(f"{debut}{cle}" for cle in range(10) if siren_valide(f"{debut}{cle}"))


# (nature, population, agents) : 6 communes de 50 001 à 100 000 habitants, 5 communes de
# 20 000 à 50 000 habitants, 5 EPCI de 50 001 à 100 000 habitants.
PROFILS = (
    [(Nature.COMMUNE, 55_000 + 7_000 * i, 700 + 110 * i) for i in range(6)]
    + [(Nature.COMMUNE, 24_000 + 5_000 * i, 320 + 45 * i) for i in range(5)]
    + [(Nature.EPCI, 60_000 + 8_000 * i, 280 + 40 * i) for i in range(5)]
)


def _codes():
    for rang, (nature, _p, _a) in enumerate(PROFILS, start=1):
        if nature == Nature.COMMUNE:
            yield f"99{700 + rang:03d}"
        else:
            yield _siren(f"999997{rang:02d}")


def _collectivites() -> list[Collectivite]:
    return [
        Collectivite(
            code_officiel=code,
            nom=f"{PREFIXE_NOM} n° {rang}",
            nature=nature,
            population=population,
            nombre_agents=agents,
            participe_comparaison=True,
        )
        for rang, (code, (nature, population, agents)) in enumerate(
            zip(_codes(), PROFILS, strict=True), start=1
        )
    ]


def _referents(collectivites) -> list[Membre]:
    utilisateurs = []
    for collectivite in collectivites:
        utilisateur = Utilisateur(
            email=f"referent-{collectivite.code_officiel}@comparaison.demo.test",
            first_name="Référent",
            last_name="Fictif",
        )
        utilisateur.set_unusable_password()
        utilisateurs.append(utilisateur)
    utilisateurs = Utilisateur.objects.bulk_create(utilisateurs)
    return Membre.objects.bulk_create(
        Membre(collectivite=c, utilisateur=u, role=Role.REFERENT, fonction="Référent fictif")
        for c, u in zip(collectivites, utilisateurs, strict=True)
    )


def _diagnostics(collectivites) -> None:
    questions = list(Question.objects.order_by("dimension__numero", "ordre"))
    maintenant = timezone.now()
    campagnes = Campagne.objects.bulk_create(
        Campagne(
            collectivite=c,
            titre="Diagnostic de maturité",
            date=datetime.date(2025, 1 + rang % 12, 10),
            cloturee_le=maintenant,
        )
        for rang, c in enumerate(collectivites)
    )
    ReponseConsolidee.objects.bulk_create(
        ReponseConsolidee(
            campagne=campagne,
            question=question,
            # Des niveaux qui varient d'une collectivité et d'une dimension à l'autre.
            niveau=max(
                1, min(5, 1 + rang % 4 + (question.dimension.numero * rang) % 3 - index % 2)
            ),
        )
        for rang, campagne in enumerate(campagnes)
        for index, question in enumerate(questions)
    )


def _parc(collectivites) -> None:
    types = {t.code: t for t in TypeEquipement.objects.all()}
    lignes = []
    for rang, c in enumerate(collectivites):
        agents = c.nombre_agents
        # Un parc proportionnel aux agents : portables, fixes, écrans, smartphones, imprimantes.
        for code, par_agent, annee, prix in (
            ("ordinateur-portable", Decimal("0.4") + Decimal(rang % 4) / 20, 2021, 850),
            ("ordinateur-fixe", Decimal("0.15"), 2019, 700),
            ("ecran", Decimal("0.25"), 2020, 160),
            ("smartphone", Decimal("0.05") + Decimal(rang % 3) / 10, 2023, 300),
            ("imprimante", Decimal("0.03"), 2018, 400),
        ):
            lignes.append(
                Equipement(
                    collectivite=c,
                    type=types[code],
                    quantite=max(1, int(agents * par_agent)),
                    annee_acquisition=annee,
                    prix_achat_ht=Decimal(prix),
                    origine=Origine.NEUF,
                    statut=Statut.EN_SERVICE,
                )
            )
        # Achats de 2025, dont une part reconditionnée qui varie.
        lignes += [
            Equipement(
                collectivite=c,
                type=types["ordinateur-portable"],
                quantite=20 + rang,
                annee_acquisition=2025,
                prix_achat_ht=Decimal(900),
                origine=Origine.NEUF,
                statut=Statut.EN_SERVICE,
            ),
            Equipement(
                collectivite=c,
                type=types["ordinateur-portable"],
                quantite=2 + 3 * (rang % 5),
                annee_acquisition=2025,
                prix_achat_ht=Decimal(450),
                origine=Origine.RECONDITIONNE,
                statut=Statut.EN_SERVICE,
            ),
        ]
        # Réformés fin 2024, sortis en 2025 : une part donnée avec engagement de réemploi.
        reformes = 10 + rang
        donnes = 2 + (rang * 2) % 8
        for quantite, destination, engagement in (
            (donnes, Destination.DON, True),
            (reformes - donnes, Destination.DEEE, False),
        ):
            lignes.append(
                Equipement(
                    collectivite=c,
                    type=types["ordinateur-fixe"],
                    quantite=quantite,
                    date_acquisition=datetime.date(2018 + rang % 3, 3, 15),
                    annee_acquisition=2018 + rang % 3,
                    origine=Origine.NEUF,
                    statut=Statut.REFORME,
                    date_reforme=datetime.date(2024, 11, 30),
                    date_fin_usage=datetime.date(2025, 4 + rang % 6, 15),
                    destination=destination,
                    beneficiaire="Association fictive" if destination == Destination.DON else "",
                    engagement_reemploi=engagement,
                    preuve_engagement="Convention fictive" if engagement else "",
                )
            )
        # Une sortie de 2024 : l'inventaire couvre 2024 et 2025.
        lignes.append(
            Equipement(
                collectivite=c,
                type=types["smartphone"],
                quantite=5,
                date_acquisition=datetime.date(2020, 6, 1),
                annee_acquisition=2020,
                origine=Origine.NEUF,
                statut=Statut.REFORME,
                date_reforme=datetime.date(2024, 5, 1),
                date_fin_usage=datetime.date(2024, 6, 1),
                destination=Destination.DEEE,
            )
        )
    Equipement.objects.bulk_create(lignes)


def _fiches(collectivites, referents) -> None:
    axes = list(Axe.objects.order_by("numero"))
    feuilles = FeuilleDeRoute.objects.bulk_create(
        FeuilleDeRoute(collectivite=c) for c in collectivites
    )
    versions = VersionFeuilleDeRoute.objects.bulk_create(
        VersionFeuilleDeRoute(feuille_de_route=f, numero=1, statut=StatutVersion.BROUILLON)
        for f in feuilles
    )
    statuts = [StatutFiche.REALISEE, StatutFiche.EN_COURS, StatutFiche.A_VENIR]
    fiches = []
    for rang, (version, referent) in enumerate(zip(versions, referents, strict=True)):
        for index in range(6):
            fin_en_2025 = index < 4
            fiches.append(
                FicheAction(
                    version=version,
                    axe=axes[index % len(axes)],
                    titre=f"Action fictive {index + 1}",
                    debut=datetime.date(2024, 1 + index, 1),
                    fin=datetime.date(2025 if fin_en_2025 else 2027, 6 + index, 1),
                    responsable=referent,
                    # Des fiches échues plus ou moins réalisées selon la collectivité.
                    statut=StatutFiche.REALISEE
                    if fin_en_2025 and index <= rang % 4
                    else statuts[(index + rang) % 3]
                    if not fin_en_2025
                    else StatutFiche.EN_COURS,
                )
            )
    FicheAction.objects.bulk_create(fiches)


@transaction.atomic
def charger(contexte: dict) -> None:
    """Idempotent : un second passage ne crée ni ne modifie rien."""
    if not Collectivite.objects.filter(nom__startswith=PREFIXE_NOM).exists():
        collectivites = _collectivites()
        for collectivite in collectivites:
            collectivite.full_clean()
        collectivites = Collectivite.objects.bulk_create(collectivites)
        referents = _referents(collectivites)
        _diagnostics(collectivites)
        _parc(collectivites)
        _fiches(collectivites, referents)
        commune = contexte["commune"]
        commune.participe_comparaison = True
        commune.save(update_fields=["participe_comparaison"])
    if not Publication.objects.exists():
        comparaison_publier()
