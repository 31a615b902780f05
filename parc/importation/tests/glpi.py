"""Exports GLPI 10 tels que GLPI les écrit (`src/Search/Output/CSVSearchOutput.php`).

Un fichier par type d'objet (ordinateurs, écrans, imprimantes, téléphones, matériel réseau) :
UTF-8 avec BOM ; chaque cellule entre guillemets et suivie de `;` (chaque ligne finit donc par
`;`) ; un `"` d'une valeur écrit `''` ; les valeurs multiples jointes par `<br>` ; les
commentaires gardent leurs retours à la ligne (un enregistrement sur plusieurs lignes
physiques). En-têtes : noms simples pour les champs de l'objet, « Groupe - Champ » pour les
autres. Types tels que l'agent d'inventaire les remonte ou tels que chaque instance les a
nommés ; écrans souvent sans type ; statuts propres à chaque instance, parfois hiérarchiques
ou vides ; entités en chemin ; entités HTML laissées par les migrations ; « 0,00 » quand aucun
prix n'a été saisi ; dates AAAA-MM-JJ ou JJ-MM-AAAA, avec l'heure.
"""

import random

ENTETES_COMMUNES = [
    "Nom",
    "Entité",
    "Statut",
    "Fabricant",
    "Numéro de série",
    "Numéro d'inventaire",
    "Type",
    "Modèle",
    "Lieu",
    "Usager",
    "Dernière modification",
    "Informations financières et administratives - Date d'achat",
    "Informations financières et administratives - Valeur",
    "Commentaires",
]
ENTETES = {
    "ordinateurs": [
        *ENTETES_COMMUNES,
        "Système d'exploitation - Nom",
        "Composants - Processeur",
    ],
    "ecrans": ENTETES_COMMUNES,
    "imprimantes": ENTETES_COMMUNES,
    "telephones": ENTETES_COMMUNES,
    "reseau": ENTETES_COMMUNES,
}
TYPES = {
    "ordinateurs": [
        "Laptop",
        "Notebook",
        "Sub Notebook",
        "Desktop",
        "Low Profile Desktop",
        "Tower",
        "Mini Tower",
        "Space-saving",
        "All in One",
        "Detachable",
        "Unité centrale",
        "Portable",
    ],
    "ecrans": ["", "", "", "Écran LCD", "TFT", "Moniteur"],
    "imprimantes": [
        "Photocopieur",
        "Copieur multifonction",
        "Traceur",
        "Étiqueteuse",
        "Jet d'encre",
        "Laser",
    ],
    "telephones": [
        "Smartphone durci",
        "Mobile",
        "Poste fixe",
        "DECT",
        "Téléphone IP",
        "Tablette",
    ],
    "reseau": ["Switch", "Commutateur", "Routeur", "Pare-feu", "Firewall", "Borne WiFi", "NAS"],
}
STATUTS = [
    "En service",
    "En service",
    "En service",
    "En stock",
    "En stock > À reconditionner",
    "En réparation",
    "Prêt",
    "Rebut",
    "Hors service",
    "",
]
ENTITES = [
    "Entité racine &gt; Ville de Démo",
    "Entité racine &gt; Ville de Démo &gt; CCAS",
    "Entité racine &gt; Ville de Démo &gt; Direction des systèmes d&#039;information",
    "Entité racine &gt; Ville de Démo &gt; Culture &amp; patrimoine",
]
LIEUX = ["Hôtel de ville", "Salle d&#039;archives", "Médiathèque &amp; ludothèque", ""]
FABRICANTS = ["Dell Inc.", "HP", "Lenovo", "Cisco", "Yealink", "Samsung", "Brother", "Canon"]
PRIX = ["0,00", "0,00", "1 089,00", "749,50", "189,90", "2 450,00"]
PREFIXES = {
    "ordinateurs": "PC",
    "ecrans": "ECR",
    "imprimantes": "IMP",
    "telephones": "TEL",
    "reseau": "NET",
}


def _cellule(valeur: str) -> str:
    return '"' + valeur.replace('"', "''") + '";'


def _date(hasard: random.Random, avec_heure: bool) -> str:
    annee, mois, jour = hasard.randint(2014, 2025), hasard.randint(1, 12), hasard.randint(1, 28)
    if hasard.random() < 0.5:
        texte = f"{annee:04d}-{mois:02d}-{jour:02d}"
        return texte + (f" {hasard.randint(7, 19):02d}:{hasard.randint(0, 59):02d}" * avec_heure)
    texte = f"{jour:02d}-{mois:02d}-{annee:04d}"
    return texte + (f" {hasard.randint(7, 19):02d}:{hasard.randint(0, 59):02d}" * avec_heure)


def ligne(type_objet: str, n: int, hasard: random.Random) -> dict[str, str]:
    prefixe = PREFIXES[type_objet]
    valeurs = {
        "Nom": f"{prefixe}-URBA-{n:03d}",
        "Entité": hasard.choice(ENTITES),
        "Statut": hasard.choice(STATUTS),
        "Fabricant": hasard.choice(FABRICANTS),
        # Téléphones et matériel réseau : souvent sans numéro de série, parfois sans inventaire.
        "Numéro de série": ""
        if type_objet in ("telephones", "reseau") and n % 3 == 0
        else f"{prefixe}SN{n:07d}",
        "Numéro d'inventaire": "" if n % 5 == 0 else f"INV-{prefixe}-{n:05d}",
        "Type": hasard.choice(TYPES[type_objet]),
        "Modèle": hasard.choice(["Latitude 5420", 'OptiPlex 7090 "SFF"', "P2422H", "T54W"]),
        "Lieu": hasard.choice(LIEUX),
        "Usager": hasard.choice(["", "k.benali", "c.martin"]),
        "Dernière modification": _date(hasard, True),
        "Informations financières et administratives - Date d'achat": hasard.choice(
            [_date(hasard, False), _date(hasard, False), ""]
        ),
        "Informations financières et administratives - Valeur": hasard.choice(PRIX),
        "Commentaires": hasard.choice(
            ["", "Garantie 3 ans\nRemplacé l'écran en 2023", "Prêté au service\r\ncommunication"]
        ),
        "Système d'exploitation - Nom": "Windows 11 Professionnel",
        "Composants - Processeur": "Intel Core i5-1145G7<br>Intel Core i5-1145G7",
    }
    return valeurs


def export(type_objet: str, lignes: int = 300, *, graine: int = 10) -> bytes:
    """L'export GLPI 10 d'un type d'objet : `lignes` enregistrements."""
    hasard = random.Random(f"{type_objet}-{graine}")
    entetes = ENTETES[type_objet]
    texte = "".join(_cellule(e) for e in entetes) + "\n"
    for n in range(1, lignes + 1):
        valeurs = ligne(type_objet, n, hasard)
        texte += "".join(_cellule(valeurs[e]) for e in entetes) + "\n"
    return b"\xef\xbb\xbf" + texte.encode("utf-8")


def exports(lignes: int = 300) -> dict[str, bytes]:
    return {type_objet: export(type_objet, lignes) for type_objet in ENTETES}
