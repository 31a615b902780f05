"""Démo du parc : un inventaire réaliste de la commune (≈ 2 500 lignes, 2014–2025), avec du
reconditionné de plus en plus présent, des dons tracés, des DEEE, du stock dormant ; quelques
lignes pour l'EPCI. Tiré au sort avec une graine fixe : la même démo à chaque fois."""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from collectivites.services import ServicesCanoniques

from .enums import Destination, Origine, Statut
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
            lignes.append(equipement)
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


@transaction.atomic
def charger(contexte: dict) -> None:
    commune, epci = contexte["commune"], contexte["epci"]
    auteur = contexte["membres"]["agent@demo.test"].utilisateur
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
            collectivite=collectivite, auteur=auteur, a_creer=lignes, a_modifier=[]
        )
    contexte["equipement_demo"] = (
        Equipement.objects.for_collectivite(commune)
        .exclude(statut=Statut.REFORME)
        .order_by("pk")
        .first()
    )
