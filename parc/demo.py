"""Démo du parc : un inventaire réaliste de la commune (≈ 2 500 lignes, 2014–2025), avec du
reconditionné de plus en plus présent, des dons tracés, des DEEE, du stock dormant ; quelques
lignes pour l'EPCI. Tiré au sort avec une graine fixe : la même démo à chaque fois.

Pour les contrôles légaux (2023–2025) : les réformes sont décidées quelques mois avant la
sortie (stock de réformés au 1er janvier), les preneurs par un canal de réemploi s'engagent plus
ou moins souvent selon l'année — le taux REEN n'atteint pas l'objectif de 35 % en 2024 —,
la commune reçoit des dons d'ordinateurs, achète une part d'équipements à matières
recyclées, et garde des réformés de plus de dix ans à envoyer au recyclage."""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from collectivites.services import ServicesCanoniques

from .enums import CANAUX_REEMPLOI_REEN, Destination, Origine, Statut
from .models import Equipement, TypeEquipement
from .services import equipements_enregistrer_en_masse

# code du type → (nombre de lignes, marques et modèles, prix neuf HT, prix reconditionné HT)
COMPOSITION = {
    "ordinateur-portable": (
        720,
        [("Dell", "Latitude 5420"), ("HP", "EliteBook 840"), ("Lenovo", "ThinkPad T14")],
        950,
        420,
    ),
    "ordinateur-fixe": (
        560,
        [("Dell", "OptiPlex 7090"), ("HP", "ProDesk 600"), ("Lenovo", "ThinkCentre M70")],
        780,
        330,
    ),
    "ecran": (780, [("Dell", "P2422H"), ("Iiyama", "ProLite XU2493"), ("HP", "E24 G5")], 190, 85),
    "tablette": (70, [("Apple", "iPad 9"), ("Samsung", "Galaxy Tab A8")], 380, 210),
    "smartphone": (
        150,
        [("Samsung", "Galaxy A54"), ("Apple", "iPhone SE"), ("Fairphone", "Fairphone 4")],
        330,
        190,
    ),
    "imprimante": (55, [("HP", "LaserJet Pro M404"), ("Brother", "HL-L6250")], 310, 160),
    "copieur": (22, [("Canon", "imageRUNNER C3226"), ("Ricoh", "IM C3000")], 4200, 2100),
    "videoprojecteur": (28, [("Epson", "EB-L210W"), ("BenQ", "MW560")], 650, 300),
    "telephone": (60, [("Yealink", "T54W"), ("Alcatel", "8028s")], 140, 60),
    "serveur": (18, [("Dell", "PowerEdge R650"), ("HPE", "ProLiant DL380")], 6500, 2600),
    "equipement-reseau": (35, [("Cisco", "Catalyst 9200"), ("Aruba", "AP-515")], 900, 400),
    "camera-surveillance": (12, [("Axis", "P3265-LVE")], 780, 400),
}
SERVICES = [
    ("Direction des systèmes d'information", "Hôtel de ville"),
    ("Éducation", "Groupe scolaire Jean-Zay"),
    ("Éducation", "École Louise-Michel"),
    ("Finances", "Hôtel de ville"),
    ("Ressources humaines", "Hôtel de ville"),
    ("Urbanisme", "Centre administratif"),
    ("Culture", "Médiathèque des Carmes"),
    ("Sports", "Complexe sportif du Bois"),
    ("Police municipale", "Poste de police"),
    ("CCAS", "Maison des solidarités"),
    ("Espaces verts", "Centre technique municipal"),
]
BENEFICIAIRES = {
    Destination.DON: [
        "Association Emmaüs Connect",
        "Collège Jean-Moulin",
        "CCAS de Démo-sur-Loire",
        "Association Les Ateliers du Bocage",
    ],
    Destination.VENTE: ["Vente aux enchères (Agorastore)"],
    Destination.CESSION: ["Commune de Saint-Démo", "Syndicat des eaux du Val Démo"],
}
DESTINATIONS = [
    (Destination.DEEE, 45),
    (Destination.DON, 25),
    (Destination.REEMPLOI_INTERNE, 14),
    (Destination.VENTE, 5),
    (Destination.CESSION, 5),
    (Destination.REPRISE, 6),
]
# Part des sorties par un canal de réemploi dont le preneur s'engage, par année de sortie.
ENGAGEMENT_PAR_ANNEE = {2023: 0.6, 2024: 0.3, 2025: 0.85}
# Dons reçus (ordinateurs portables, écrans) : année → (portables, écrans).
DONS_RECUS = {2023: (5, 0), 2024: (10, 4), 2025: (12, 6)}
PART_RECONDITIONNE = {
    2014: 0,
    2015: 0,
    2016: 1,
    2017: 2,
    2018: 3,
    2019: 5,
    2020: 7,
    2021: 10,
    2022: 13,
    2023: 17,
    2024: 21,
    2025: 24,
}


def _lignes(collectivite, nombre_par_type: dict, graine: int, *, prefixe: str) -> list[Equipement]:
    tirage = random.Random(graine)
    # Tirages des champs de conformité à part : le reste de la démo ne change pas.
    conformite = random.Random(graine + 1)
    types = {t.code: t for t in TypeEquipement.objects.all()}
    aujourdhui = datetime.date(2025, 11, 15)
    lignes = []
    rang = 0
    for code, (nombre, modeles, prix_neuf, prix_recond) in COMPOSITION.items():
        type_ = types[code]
        duree = float(type_.duree_vie_defaut_annees)
        for _ in range(nombre_par_type.get(code, nombre)):
            rang += 1
            annee = tirage.randint(2014, 2025)
            acquisition = datetime.date(annee, tirage.randint(1, 12), tirage.randint(1, 28))
            if acquisition > aujourdhui:
                acquisition = aujourdhui - datetime.timedelta(days=tirage.randint(10, 200))
                annee = acquisition.year
            reconditionne = tirage.randint(1, 100) <= PART_RECONDITIONNE[annee]
            origine = Origine.RECONDITIONNE if reconditionne else Origine.NEUF
            if not reconditionne and tirage.randint(1, 100) <= 3:
                origine = Origine.REEMPLOI_INTERNE
            marque, modele = tirage.choice(modeles)
            service, site = tirage.choice(SERVICES)
            prix = prix_recond if reconditionne else prix_neuf
            equipement = Equipement(
                collectivite=collectivite,
                type=type_,
                marque=marque,
                modele=modele,
                numero_serie=f"{prefixe}{annee}{rang:05d}",
                numero_inventaire=f"{prefixe}INV-{annee}-{rang:05d}",
                quantite=1,
                annee_acquisition=annee,
                date_acquisition=acquisition if tirage.random() < 0.8 else None,
                prix_achat_ht=None
                if origine == Origine.REEMPLOI_INTERNE
                else Decimal(prix + tirage.randint(-30, 30)),
                origine=origine,
                service=service,
                site=site,
                mutualise=code in ("imprimante", "copieur", "videoprojecteur")
                or tirage.random() < 0.05,
            )
            fin = acquisition + datetime.timedelta(
                days=int(365 * tirage.uniform(duree * 0.7, duree * 1.6))
            )
            if fin < aujourdhui:
                destination = tirage.choices(
                    [d for d, _ in DESTINATIONS], [p for _, p in DESTINATIONS]
                )[0]
                equipement.statut = Statut.REFORME
                equipement.date_fin_usage = fin
                equipement.destination = destination
                equipement.beneficiaire = tirage.choice(BENEFICIAIRES.get(destination, [""]))
                equipement.statut_depuis = fin
                _reforme_et_engagement(equipement, acquisition, conformite)
            else:
                tirage_statut = tirage.random()
                if tirage_statut < 0.05:
                    equipement.statut = Statut.EN_STOCK
                    equipement.statut_depuis = aujourdhui - datetime.timedelta(
                        days=tirage.randint(30, 900)
                    )
                elif tirage_statut < 0.06:
                    equipement.statut = Statut.EN_REPARATION
                    equipement.statut_depuis = aujourdhui - datetime.timedelta(
                        days=tirage.randint(5, 60)
                    )
                else:
                    equipement.statut = Statut.EN_SERVICE
                    equipement.statut_depuis = acquisition
            if (
                equipement.origine == Origine.NEUF
                and annee >= 2024
                and code in ("ordinateur-portable", "ecran", "imprimante", "copieur")
            ):
                equipement.matieres_recyclees = conformite.random() < 0.15
            lignes.append(equipement)
    lignes += _dons_recus(collectivite, types, prefixe, conformite)
    if not prefixe:
        lignes += _reformes_hors_calcul(collectivite, types)
    # Un lot : « 30 claviers » tient en une ligne.
    lignes.append(
        Equipement(
            collectivite=collectivite,
            type=types["autre"],
            marque="Logitech",
            modele="Clavier K120",
            numero_inventaire=f"{prefixe}LOT-CLAVIERS-2023",
            quantite=30,
            annee_acquisition=2023,
            prix_achat_ht=Decimal(12),
            origine=Origine.NEUF,
            statut=Statut.EN_STOCK,
            statut_depuis=datetime.date(2023, 9, 1),
            service="Direction des systèmes d'information",
            site="Hôtel de ville",
        )
    )
    return lignes


def _reforme_et_engagement(equipement, acquisition, conformite) -> None:
    """Décision de réforme un à dix mois avant la sortie ; engagement du preneur selon l'année."""
    fin = equipement.date_fin_usage
    reforme = fin - datetime.timedelta(days=conformite.randint(30, 300))
    equipement.date_reforme = max(reforme, acquisition)
    if equipement.destination in CANAUX_REEMPLOI_REEN:
        part = ENGAGEMENT_PAR_ANNEE.get(fin.year, 0.5)
        if conformite.random() < part:
            equipement.engagement_reemploi = True
            equipement.preuve_engagement = (
                f"Convention de reprise {fin.year}-{conformite.randint(1, 40):02d}"
            )


def _dons_recus(collectivite, types, prefixe, conformite) -> list[Equipement]:
    """Ordinateurs et écrans reçus en don (ils comptent dans la part AGEC à leur valeur
    forfaitaire)."""
    lignes = []
    for annee, (portables, ecrans) in DONS_RECUS.items():
        for code, nombre, marque, modele in (
            ("ordinateur-portable", portables, "Lenovo", "ThinkPad T480"),
            ("ecran", ecrans, "Dell", "P2419H"),
        ):
            if not nombre:
                continue
            lignes.append(
                Equipement(
                    collectivite=collectivite,
                    type=types[code],
                    marque=marque,
                    modele=modele,
                    numero_inventaire=f"{prefixe}DON-{annee}-{code}",
                    quantite=nombre,
                    annee_acquisition=annee,
                    date_acquisition=datetime.date(annee, conformite.randint(2, 11), 15),
                    origine=Origine.DON_RECU,
                    statut=Statut.EN_SERVICE,
                    service="Éducation",
                    site="Groupe scolaire Jean-Zay",
                )
            )
    return lignes


def _reformes_hors_calcul(collectivite, types) -> list[Equipement]:
    """Des réformés que le taux REEN ne compte pas : des écrans de 2013 et des unités centrales
    de 2014 (plus de dix ans, en attente d'un départ en DEEE) et des portables de la police
    municipale (informations soumises à une obligation de sécurité)."""

    def reforme(code, numero, quantite, acquisition, date_reforme, **champs):
        return Equipement(
            collectivite=collectivite,
            type=types[code],
            marque=champs.pop("marque", "Dell"),
            modele=champs.pop("modele", ""),
            numero_inventaire=numero,
            quantite=quantite,
            annee_acquisition=acquisition.year,
            date_acquisition=acquisition,
            prix_achat_ht=None,
            origine=Origine.NEUF,
            statut=Statut.REFORME,
            statut_depuis=date_reforme,
            date_reforme=date_reforme,
            **champs,
        )

    return [
        reforme(
            "ecran",
            "LOT-ECRANS-2013",
            6,
            datetime.date(2013, 9, 2),
            datetime.date(2024, 11, 15),
            modele="P2213",
            service="Finances",
            site="Hôtel de ville",
        ),
        reforme(
            "ordinateur-fixe",
            "LOT-UC-2014",
            4,
            datetime.date(2014, 3, 17),
            datetime.date(2025, 6, 2),
            modele="OptiPlex 7010",
            service="Urbanisme",
            site="Centre administratif",
        ),
        reforme(
            "ordinateur-portable",
            "LOT-PM-2019",
            3,
            datetime.date(2019, 5, 6),
            datetime.date(2024, 10, 1),
            modele="Latitude 5400",
            service="Police municipale",
            site="Poste de police",
            informations_securisees=True,
            date_fin_usage=datetime.date(2025, 2, 12),
            destination=Destination.DEEE,
        ),
    ]


def _reformes_en_attente(collectivite) -> None:
    """Une douzaine d'équipements anciens réformés en 2025, en attente de sortie : les plus de
    dix ans sont à orienter vers le recyclage."""
    anciens = list(
        Equipement.objects.for_collectivite(collectivite)
        .filter(statut=Statut.EN_SERVICE, annee_acquisition__lte=2016, type__perimetre_reen=True)
        .order_by("pk")[:12]
    )
    for rang, equipement in enumerate(anciens):
        equipement.statut = Statut.REFORME
        equipement.date_reforme = datetime.date(2025, 3 + rang % 8, 10)
        equipement.statut_depuis = equipement.date_reforme
    Equipement.objects.bulk_update(anciens, ["statut", "date_reforme", "statut_depuis"])


@transaction.atomic
def charger(contexte: dict) -> None:
    commune, epci = contexte["commune"], contexte["epci"]
    agent = contexte["membres"]["agent@demo.test"]
    if not TypeEquipement.objects.exists():
        return
    for collectivite, graine, prefixe, nombres in (
        (commune, 45999, "", {}),
        (epci, 99999, "VD", dict.fromkeys(COMPOSITION, 2)),
    ):
        if Equipement.objects.for_collectivite(collectivite).exists():
            continue
        lignes = _lignes(collectivite, nombres, graine, prefixe=prefixe)
        service_canonique = ServicesCanoniques(collectivite)
        for ligne in lignes:
            ligne.service = service_canonique(ligne.service)  # la liste des services
        equipements_enregistrer_en_masse(
            collectivite=collectivite,
            auteur=agent if agent.collectivite_id == collectivite.pk else None,
            a_creer=lignes,
            a_modifier=[],
            nom_fichier="inventaire de démonstration",
        )
        if collectivite == commune:
            _reformes_en_attente(collectivite)
    contexte["equipement_demo"] = (
        Equipement.objects.for_collectivite(commune)
        .exclude(statut=Statut.REFORME)
        .order_by("pk")
        .first()
    )
