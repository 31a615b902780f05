"""Lecture des fichiers d'inventaire (CSV, XLSX), sans base de données.

On lit les tableaux tels que les gens les ont : un export GLPI (`;`, UTF-8 avec BOM ou
Windows-1252, en-têtes français), la grille d'inventaire de l'ANCT, ou notre propre export.
Les colonnes sont reconnues par leur nom (accents, casse et espaces ignorés), jamais par leur
position ; les valeurs sont converties (dates, nombres à la française) et chaque erreur nomme
la ligne, la colonne et la valeur.

Ce module ne touche pas la base : les valeurs de référence (types, statuts…) lui sont données
sous forme de dictionnaires {clé normalisée → valeur} par l'appelant.
"""

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import chain, islice
from typing import BinaryIO

TAILLE_MAX_DEFAUT = 20 * 1024 * 1024  # octets
LIGNES_MAX = 100_000
COLONNES_MAX = 200
LIGNES_EN_TETE_MAX = 20  # les en-têtes sont cherchés dans les 20 premières lignes
TAILLE_CELLULE_MAX = 1_000  # caractères
EXTENSIONS = {".csv": "CSV", ".txt": "CSV", ".tsv": "CSV", ".xlsx": "XLSX"}


class FichierRefuse(Exception):
    """Le fichier entier est refusé ; le message, en français, dit pourquoi et quoi faire."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Normalisation -----------------------------------------------------------------------------


def normaliser(texte: str) -> str:
    """« Numéro d'inventaire » → « numerodinventaire » : sans accents, casse ni ponctuation."""
    texte = unicodedata.normalize("NFKD", str(texte)).casefold()
    return "".join(c for c in texte if c.isalnum() and not unicodedata.combining(c))


_NUMEROTATION = re.compile(r"^\s*\d{1,3}\s*[.)\-–]\s*")


def cle_valeur(texte: str) -> str:
    """Clé de comparaison d'une valeur saisie (type, statut…).

    Ignore accents, casse, espaces, ponctuation, la numérotation de la grille ANCT
    (« 1. Ordinateurs ») et le pluriel des mots (« Appareils photo » = « appareil photo »).
    """
    texte = _NUMEROTATION.sub("", str(texte))
    mots = re.split(r"[\s'’\-_/]+", unicodedata.normalize("NFKD", texte).casefold())
    cles = []
    for mot in mots:
        mot = "".join(c for c in mot if c.isalnum() and not unicodedata.combining(c))
        if len(mot) > 3 and mot[-1] in "sx":
            mot = mot[:-1]
        cles.append(mot)
    return "".join(cles)


def extrait(valeur, longueur: int = 60) -> str:
    """La valeur telle qu'on la cite dans un message, raccourcie si elle est longue."""
    texte = str(valeur).replace("\n", " ").replace("\r", " ")
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"


# --- Conversions des valeurs ------------------------------------------------------------------


class ValeurInvalide(ValueError):
    """Une cellule illisible ; le message complète « colonne X : « valeur » … »."""


_ESPACES = re.compile(r"[\s\u00a0\u202f']+")
_UNITES = re.compile(r"(€|eur|euros?|ht|ttc|kg|kilos?|kilogrammes?)$", re.IGNORECASE)


def convertir_nombre(valeur) -> Decimal:
    """« 1 234,5 », « 1.234,50 € », « 1234.5 », « 0,8 kg » → Decimal."""
    if isinstance(valeur, bool):
        raise ValeurInvalide("n'est pas un nombre")
    if isinstance(valeur, int):
        return Decimal(valeur)
    if isinstance(valeur, float):
        if valeur != valeur or valeur in (float("inf"), float("-inf")):
            raise ValeurInvalide("n'est pas un nombre")
        return Decimal(repr(valeur))
    texte = str(valeur).strip()
    texte = _UNITES.sub("", texte).strip()
    texte = _ESPACES.sub("", texte)
    if not re.fullmatch(r"[+-]?[\d.,]*\d[\d.,]*", texte):
        raise ValeurInvalide("n'est pas un nombre (exemple attendu : 1 234,5)")
    virgules, points = texte.count(","), texte.count(".")
    if virgules and points:
        # Le dernier séparateur est le séparateur décimal, l'autre sépare les milliers.
        decimal, milliers = (",", ".") if texte.rfind(",") > texte.rfind(".") else (".", ",")
        if texte.count(decimal) > 1:
            raise ValeurInvalide("n'est pas un nombre (exemple attendu : 1 234,5)")
        texte = texte.replace(milliers, "").replace(decimal, ".")
    elif virgules > 1 or points > 1:
        separateur = "," if virgules else "."
        if not re.fullmatch(rf"[+-]?\d{{1,3}}(\{separateur}\d{{3}})+", texte):
            raise ValeurInvalide("n'est pas un nombre (exemple attendu : 1 234,5)")
        texte = texte.replace(separateur, "")
    else:
        texte = texte.replace(",", ".")
    try:
        nombre = Decimal(texte)
    except InvalidOperation:
        raise ValeurInvalide("n'est pas un nombre (exemple attendu : 1 234,5)") from None
    if not nombre.is_finite() or abs(nombre) >= Decimal(10) ** 12:
        raise ValeurInvalide("est un nombre hors des limites acceptées")
    return nombre


def convertir_quantite(valeur) -> int:
    nombre = convertir_nombre(valeur)
    if nombre != nombre.to_integral_value():
        raise ValeurInvalide("doit être un nombre entier d'équipements")
    if nombre < 1:
        raise ValeurInvalide("doit être au moins 1")
    if nombre > 1_000_000:
        raise ValeurInvalide("est une quantité trop grande (1 000 000 au plus)")
    return int(nombre)


def _decimal_positif(chiffres: int, limite: int):
    pas = Decimal(1).scaleb(-chiffres)

    def convertir(valeur) -> Decimal:
        nombre = convertir_nombre(valeur)
        if nombre < 0:
            raise ValeurInvalide("ne peut pas être négatif")
        if nombre >= limite:
            raise ValeurInvalide(f"est trop grand (moins de {limite:_} attendu)".replace("_", " "))
        return nombre.quantize(pas, rounding=ROUND_HALF_UP)

    return convertir


convertir_montant = _decimal_positif(2, 100_000_000)
convertir_poids = _decimal_positif(2, 100_000)


@dataclass(frozen=True)
class DateLue:
    """Une date lue ; `annee_seule` quand le fichier ne donnait que l'année (« 2019 »)."""

    date: datetime.date
    annee_seule: bool = False


ANNEE_MIN, ANNEE_MAX = 1950, 2100
_DATE_FR = re.compile(
    r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})"
    r"(?:[ T]+\d{1,2}[:h]\d{2}(?::\d{2}(?:[.,]\d+)?)?)?"
)
_DATE_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_MOIS_ANNEE = re.compile(r"(\d{1,2})[/.\-](\d{4})")
DATES_ATTENDUES = "exemples attendus : 31/12/2023, 2023-12-31 ou 2023"
# Numéros de série des dates d'Excel (jours depuis le 30/12/1899) entre 1950 et 2100.
_SERIE_EXCEL_MIN, _SERIE_EXCEL_MAX = 18_264, 73_415


def _date(annee: int, mois: int, jour: int) -> datetime.date:
    if not ANNEE_MIN <= annee <= ANNEE_MAX:
        raise ValeurInvalide(f"a une année hors de {ANNEE_MIN}–{ANNEE_MAX}")
    try:
        return datetime.date(annee, mois, jour)
    except ValueError:
        raise ValeurInvalide(f"n'est pas une date qui existe ({DATES_ATTENDUES})") from None


def convertir_date(valeur) -> DateLue:
    """« 31/12/2023 », « 31-12-2023 14:05 », « 2023 », « 2023-12-31 », dates et séries Excel."""
    if isinstance(valeur, datetime.datetime):
        return DateLue(_date(valeur.year, valeur.month, valeur.day))
    if isinstance(valeur, datetime.date):
        return DateLue(_date(valeur.year, valeur.month, valeur.day))
    if isinstance(valeur, int | float) and not isinstance(valeur, bool):
        if float(valeur).is_integer() and ANNEE_MIN <= valeur <= ANNEE_MAX:
            return DateLue(_date(int(valeur), 1, 1), annee_seule=True)
        if _SERIE_EXCEL_MIN <= valeur <= _SERIE_EXCEL_MAX:
            jour = datetime.date(1899, 12, 30) + datetime.timedelta(days=int(valeur))
            return DateLue(jour)
        raise ValeurInvalide(f"n'est pas une date ({DATES_ATTENDUES})")
    texte = str(valeur).strip()
    if re.fullmatch(r"\d{4}", texte):
        return DateLue(_date(int(texte), 1, 1), annee_seule=True)
    if correspondance := _DATE_FR.fullmatch(texte):
        jour, mois, annee = (int(partie) for partie in correspondance.groups())
        if annee < 100:
            annee += 2000 if annee <= datetime.date.today().year % 100 else 1900
        return DateLue(_date(annee, mois, jour))
    if correspondance := _DATE_ISO.fullmatch(texte):
        annee, mois, jour = (int(partie) for partie in correspondance.groups())
        return DateLue(_date(annee, mois, jour))
    if correspondance := _MOIS_ANNEE.fullmatch(texte):
        mois, annee = (int(partie) for partie in correspondance.groups())
        return DateLue(_date(annee, mois, 1))
    if re.fullmatch(r"\d{5}([.,]\d+)?", texte):
        return convertir_date(float(texte.replace(",", ".")))
    raise ValeurInvalide(f"n'est pas une date ({DATES_ATTENDUES})")


def convertir_texte(longueur: int) -> Callable[[object], str]:
    def convertir(valeur) -> str:
        if isinstance(valeur, float) and valeur.is_integer():
            valeur = int(valeur)  # « 12345.0 » d'un classeur : un numéro, pas un nombre
        texte = " ".join(str(valeur).split())
        if len(texte) > longueur:
            raise ValeurInvalide(f"dépasse {longueur} caractères")
        return texte

    return convertir


# --- Injection de formules ---------------------------------------------------------------------

_DEBUTS_FORMULE = ("=", "+", "@", "\t", "\r", "\n")


def ressemble_a_une_formule(valeur) -> bool:
    """Une cellule qu'un tableur exécuterait : « =cmd|' /C calc'!A0 », « +SUM(…) », « @… ».

    Un « - » initial n'est suspect que s'il n'introduit pas un nombre (« -5 » ou « - » seul
    sont des valeurs ordinaires). Un inventaire ne contient jamais de formule : ces cellules
    sont refusées (voir `LigneLue.erreurs`) plutôt que neutralisées, pour que rien d'exécutable
    n'entre en base et que la personne voie ce qui cloche dans son fichier.
    """
    if not isinstance(valeur, str) or not valeur:
        return False
    if valeur.startswith(_DEBUTS_FORMULE):
        return True
    debut = valeur.lstrip()
    if debut.startswith(("=", "+", "@")):
        return True
    return debut.startswith("-") and len(debut) > 1 and debut[1] not in "0123456789 ,.-"


# --- Champs reconnus ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Champ:
    cle: str
    libelle: str
    entetes: tuple[str, ...]
    convertir: Callable | None = None  # None : valeur à faire correspondre (voir `choix`)


def _liste(texte: str) -> tuple[str, ...]:
    return tuple(partie.strip() for partie in texte.split("|"))


# Les en-têtes reconnus pour chaque champ : les nôtres (export), ceux de GLPI et de la grille
# ANCT, et les variantes courantes. Le premier est le libellé affiché.
CHAMPS = [
    Champ(
        "type",
        "Type",
        _liste(
            "Type | Matériel | Type de matériel | Type d'équipement | Type d'appareil | Catégorie"
            " | Famille | Nature | Équipement"
        ),
    ),
    Champ(
        "marque",
        "Marque",
        _liste("Fabricant | Constructeur | Manufacturer | Brand"),
        convertir_texte(100),
    ),
    Champ(
        "modele",
        "Modèle",
        _liste("Model | Référence du modèle | Modèle de l'équipement"),
        convertir_texte(150),
    ),
    Champ(
        "numero_serie",
        "Numéro de série",
        _liste(
            "N° de série | No de série | Num série | Numéro série | Serial | Serial number"
            " | S/N | SN"
        ),
        convertir_texte(100),
    ),
    Champ(
        "numero_inventaire",
        "Numéro d'inventaire",
        _liste(
            "N° d'inventaire | No d'inventaire | Num inventaire | Inventaire"
            " | Numéro d'immobilisation | Étiquette | Asset tag | Inventory number"
        ),
        convertir_texte(100),
    ),
    Champ("quantite", "Quantité", _liste("Qté | Qte | Nombre | Nb"), convertir_quantite),
    Champ(
        "date_acquisition",
        "Date d'acquisition",
        _liste(
            "Date d'achat | Date achat | Année | Année d'achat | Année d'acquisition | Acquisition"
            " | Acquis le | Date de livraison"
        ),
        convertir_date,
    ),
    Champ(
        "prix_achat_ht",
        "Prix d'achat HT",
        _liste(
            "Prix d'achat HT (€) | Prix d'achat | Prix HT | Prix | Valeur | Coût | Montant HT"
            " | Valeur d'achat"
        ),
        convertir_montant,
    ),
    Champ("origine", "Origine", _liste("Provenance | Neuf ou reconditionné")),
    Champ("statut", "Statut", _liste("État | Status | Situation")),
    Champ(
        "service",
        "Service",
        _liste("Direction | Département | Pôle | Service affectataire"),
        convertir_texte(150),
    ),
    Champ(
        "site",
        "Site",
        _liste("Lieu | Localisation | Bâtiment | Emplacement | Location"),
        convertir_texte(150),
    ),
    Champ(
        "mutualise",
        "Usage",
        _liste("Utilisation | Mutualisé | Partagé | Individuel ou mutualisé | Affectation"),
    ),
    Champ("poids_kg", "Poids (kg)", _liste("Poids | Poids en kg | Masse"), convertir_poids),
    Champ(
        "date_fin_usage",
        "Date de fin d'usage",
        _liste("Fin d'usage | Date de réforme | Date de sortie | Réformé le"),
        convertir_date,
    ),
    Champ(
        "destination_fin",
        "Destination de fin d'usage",
        _liste("Destination | Filière de sortie | Devenir | Filière"),
    ),
    Champ(
        "beneficiaire",
        "Bénéficiaire",
        _liste("Bénéficiaire du don | Donné à"),
        convertir_texte(200),
    ),
]
CHAMPS_PAR_CLE = {champ.cle: champ for champ in CHAMPS}
# Champs dont la valeur est choisie dans une liste (clé normalisée → valeur) donnée par l'appelant.
CHAMPS_A_CHOIX = tuple(champ.cle for champ in CHAMPS if champ.convertir is None)
# Les valeurs non reconnues de ces champs sont demandées une fois à l'utilisateur.
CHAMPS_A_CORRESPONDANCE = ("type", "statut")
# Une valeur non reconnue de ces champs est laissée de côté (avertissement), sans rejeter la
# ligne : la colonne « Usage » de la grille ANCT contient souvent autre chose (« bureautique »).
CHAMPS_FACULTATIFS = ("mutualise",)


def _index_entetes(champs: Iterable[Champ]) -> dict[str, str]:
    index = {}
    for champ in champs:
        for entete in (champ.libelle, *champ.entetes):
            index.setdefault(normaliser(entete), champ.cle)
    return index


ENTETES = _index_entetes(CHAMPS)
# Groupes de GLPI dont les colonnes sont les nôtres ; « Système d'exploitation - Nom » n'est pas
# le nom de l'équipement.
GROUPES_GLPI = {normaliser("Informations financières et administratives"), normaliser("Gestion")}


def champ_de_l_entete(entete) -> str | None:
    """Le champ que désigne un en-tête, ou None.

    GLPI préfixe les colonnes liées par leur groupe (« Informations financières et
    administratives - Date d'achat ») : on essaie alors la dernière partie.
    """
    if entete is None:
        return None
    texte = str(entete)
    cle = normaliser(texte)
    if cle in ENTETES:
        return ENTETES[cle]
    if " - " in texte:
        groupe, nom = texte.split(" - ", 1)
        if normaliser(groupe) in GROUPES_GLPI:
            return ENTETES.get(normaliser(nom))
    return None


@dataclass
class Colonnes:
    """Correspondance entre les colonnes du fichier et nos champs."""

    reconnues: list[tuple[int, str, str]]  # (index, champ, en-tête du fichier)
    ignorees: list[str]  # en-têtes inconnus, ou en double

    @property
    def champs(self) -> set[str]:
        return {champ for _, champ, _ in self.reconnues}


def reconnaitre_colonnes(entetes: list) -> Colonnes:
    reconnues, ignorees, vus = [], [], set()
    for index, entete in enumerate(entetes):
        texte = "" if entete is None else " ".join(str(entete).split())
        if not texte:
            continue
        champ = champ_de_l_entete(texte)
        if champ is None:
            ignorees.append(texte)
        elif champ in vus:
            ignorees.append(f"{texte} (en double)")
        else:
            vus.add(champ)
            reconnues.append((index, champ, texte))
    return Colonnes(reconnues, ignorees)


# --- Valeurs à choisir dans une liste ----------------------------------------------------------

# Synonymes courants (clé normalisée par `cle_valeur`) ; les libellés exacts des listes de
# l'application s'y ajoutent (voir `Choix`). « Ordinateurs » seul reste ambigu (portable ou
# fixe ?) : il est demandé à l'utilisateur.
SYNONYMES = {
    "type": {
        "ordinateur-portable": "portable | ordinateur portable | pc portable | laptop | notebook"
        " | ultraportable | netbook | ordinateur portatif",
        "ordinateur-fixe": "fixe | ordinateur fixe | pc fixe | unité centrale | uc | desktop"
        " | tour | ordinateur de bureau | mini pc | tout en un | all in one | station de travail"
        " | workstation | client léger",
        "ecran": "écran | moniteur | monitor | écran plat",
        "tablette": "tablette | tablet | ipad | tablette tactile",
        "smartphone": "smartphone | téléphone mobile | mobile | téléphone portable | iphone"
        " | ordiphone",
        "imprimante": "imprimante | printer | imprimante laser | imprimante jet d'encre",
        "copieur": "copieur | photocopieur | photocopieuse | multifonction"
        " | copieur multifonction | imprimante multifonction | mfp",
        "videoprojecteur": "vidéoprojecteur | projecteur | projcteur | vidéo projecteur",
        "telephone": "téléphone | téléphone fixe | téléphone ip | poste téléphonique | poste fixe",
        "appareil-photo": "appareil photo | appareil photo numérique | apn",
        "camescope": "caméscope | caméra vidéo",
        "camera-surveillance": "caméra de surveillance | caméra de vidéosurveillance"
        " | caméra vidéosurveillance | caméra de vidéo surveillance | vidéosurveillance"
        " | caméra ip",
        "serveur": "serveur | server | serveur rack | baie de stockage | nas",
        "equipement-reseau": "équipement réseau | switch | commutateur | routeur | router"
        " | borne wifi | borne wi-fi | point d'accès | access point | pare-feu | firewall",
        "autre": "autre | divers",
    },
    "statut": {
        "en_service": "en service | service | actif | active | en production | production"
        " | en utilisation | utilisé | affecté | en prêt | déployé | en fonctionnement",
        "en_stock": "en stock | stock | disponible | en réserve | réserve | non affecté",
        "en_reparation": "en réparation | réparation | en panne | panne | sav | en maintenance"
        " | maintenance",
        "reforme": "réformé | au rebut | rebut | hors service | hs | sorti de l'inventaire"
        " | sorti | détruit | recyclé | retiré",
    },
    "origine": {
        "neuf": "neuf | new | achat neuf",
        "reconditionne": "reconditionné | réemploi externe | reconditionné (réemploi externe)"
        " | occasion | seconde main | refurbished",
        "reemploi_interne": "réemploi interne | réaffecté | réutilisation interne",
        "repare": "réparé | remis en état | réparé ou remis en état",
        "don_recu": "don reçu | reçu en don | don",
    },
    "mutualise": {
        "oui": "oui | mutualisé | partagé | collectif | commun | pool | salle de réunion"
        " | libre service | en libre service | vrai | true | 1",
        "non": "non | individuel | personnel | nominatif | dédié | faux | false | 0",
    },
    "destination_fin": {
        "reemploi_interne": "réemploi interne | réaffectation | réaffecté",
        "don": "don | donné | don à une association",
        "vente": "vente | vendu | revente",
        "cession": "cession | cédé | cession à une personne publique | cession gratuite",
        "deee": "deee | d3e | éco-organisme | recyclage | recyclé | ecosystem | ecologic",
        "autre_filiere": "autre filière | autre filière agréée | autre",
        "reprise": "reprise fournisseur | reprise | rachat fournisseur"
        " | reprise par le fournisseur",
        "reprise_eco": "reprise par un éco-organisme agréé, pour réemploi"
        " | reprise éco-organisme pour réemploi",
    },
}


@dataclass
class Choix:
    """Pour chaque champ à choix : clé normalisée (`cle_valeur`) → valeur enregistrée."""

    valeurs: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def avec_synonymes(cls, listes: dict[str, dict[str, str]] | None = None) -> "Choix":
        """Les synonymes courants, complétés des listes de l'application.

        `listes` : champ → {valeur enregistrée → libellé} (par exemple les TextChoices) ;
        seules les valeurs qui y figurent sont gardées parmi les synonymes, quand elle est donnée.
        """
        choix = cls()
        for champ, par_valeur in SYNONYMES.items():
            permises = (listes or {}).get(champ)
            for valeur, synonymes in par_valeur.items():
                if permises is not None and valeur not in permises and champ != "mutualise":
                    continue
                for synonyme in _liste(synonymes):
                    choix.ajouter(champ, synonyme, valeur)
        for champ, par_valeur in (listes or {}).items():
            for valeur, libelle in par_valeur.items():
                choix.ajouter(champ, libelle, valeur, remplacer=True)
                choix.ajouter(champ, valeur, valeur, remplacer=True)
        return choix

    def ajouter(self, champ: str, texte: str, valeur: str, *, remplacer: bool = False) -> None:
        cle = cle_valeur(texte)
        if not cle:
            return
        table = self.valeurs.setdefault(champ, {})
        if remplacer or cle not in table:
            table[cle] = valeur

    def trouver(self, champ: str, texte) -> str | None:
        return self.valeurs.get(champ, {}).get(cle_valeur(texte))


# --- Ouverture des fichiers ---------------------------------------------------------------------


@dataclass
class Tableau:
    """Les cellules d'un fichier : en-têtes puis lignes (numéro de ligne, cellules)."""

    format: str
    entetes: list
    ligne_entetes: int
    lignes: Iterator[tuple[int, list]]
    feuille: str = ""


def _extension(nom: str) -> str:
    nom = (nom or "").strip().lower()
    return nom[nom.rfind(".") :] if "." in nom else ""


def _lire_octets(flux: BinaryIO, taille_max: int) -> bytes:
    """Lit au plus `taille_max` octets ; au-delà, refuse sans lire la suite."""
    donnees = flux.read(taille_max + 1)
    if len(donnees) > taille_max:
        raise FichierRefuse(
            f"Le fichier dépasse la taille maximale de {taille_max // (1024 * 1024)} Mo. "
            "Découpez-le en plusieurs fichiers, ou retirez les colonnes inutiles."
        )
    return donnees


def _format_selon_contenu(debut: bytes) -> str | None:
    if debut.startswith(b"PK\x03\x04"):
        return "ZIP"
    if debut.startswith(b"\xd0\xcf\x11\xe0"):
        return "XLS"
    if debut.startswith(b"%PDF"):
        return "PDF"
    return None


def ouvrir(nom: str, flux: BinaryIO, *, taille_max: int = TAILLE_MAX_DEFAUT) -> Tableau:
    """Ouvre un fichier CSV ou XLSX ; lève `FichierRefuse` avec un message clair sinon."""
    extension = _extension(nom)
    attendu = EXTENSIONS.get(extension)
    if attendu is None:
        raise FichierRefuse(
            f"Le fichier « {extrait(nom)} » n'est pas d'un format accepté. "
            "Enregistrez votre tableau au format CSV (séparateur point-virgule) ou XLSX."
        )
    donnees = _lire_octets(flux, taille_max)
    if not donnees.strip():
        raise FichierRefuse("Le fichier est vide.")
    selon_contenu = _format_selon_contenu(donnees[:8])
    if selon_contenu == "XLS":
        raise FichierRefuse(
            "Ce fichier est un classeur Excel ancien format (.xls). "
            "Enregistrez-le au format XLSX ou CSV, puis importez-le de nouveau."
        )
    if selon_contenu == "PDF":
        raise FichierRefuse("Ce fichier est un PDF, pas un tableau. Importez un CSV ou un XLSX.")
    if attendu == "XLSX":
        if selon_contenu != "ZIP":
            raise FichierRefuse(
                f"Le fichier « {extrait(nom)} » porte l'extension .xlsx mais n'est pas un "
                "classeur XLSX. S'il s'agit d'un CSV, renommez-le en .csv."
            )
        return _ouvrir_xlsx(donnees)
    if selon_contenu == "ZIP":
        raise FichierRefuse(
            f"Le fichier « {extrait(nom)} » porte l'extension {extension} mais c'est un fichier "
            "compressé (peut-être un classeur XLSX) : renommez-le en .xlsx, ou exportez-le en CSV."
        )
    return _ouvrir_csv(donnees)


def _decoder(donnees: bytes) -> str:
    if donnees.startswith(b"\xef\xbb\xbf"):
        encodages = ["utf-8-sig"]
    elif donnees.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodages = ["utf-16"]
    else:
        if b"\x00" in donnees[:8192]:
            raise FichierRefuse(
                "Le fichier semble binaire (ce n'est pas du texte) : importez un CSV ou un XLSX."
            )
        encodages = ["utf-8", "cp1252"]
    for encodage in encodages:
        try:
            texte = donnees.decode(encodage)
        except UnicodeDecodeError:
            continue
        debut = texte[:8192]
        controles = sum(1 for c in debut if unicodedata.category(c) == "Cc" and c not in "\t\r\n")
        if "\x00" in texte or controles > max(2, len(debut) // 100):
            raise FichierRefuse(
                "Le fichier semble binaire (ce n'est pas du texte) : importez un CSV ou un XLSX."
            )
        return texte
    raise FichierRefuse(
        "L'encodage du fichier n'est pas reconnu (ni UTF-8, ni Windows-1252). "
        "Enregistrez-le en « CSV UTF-8 » depuis votre tableur."
    )


def detecter_separateur(texte: str) -> str:
    """Le séparateur le plus fréquent des premières lignes, hors guillemets : `;`, tab ou `,`."""
    comptes = dict.fromkeys(";\t,", 0)
    entre_guillemets = False
    lignes = 0
    for caractere in islice(texte, 65_536):
        if caractere == '"':
            entre_guillemets = not entre_guillemets
        elif not entre_guillemets:
            if caractere in comptes:
                comptes[caractere] += 1
            elif caractere == "\n":
                lignes += 1
                if lignes >= 20:
                    break
    separateur = max(comptes, key=lambda s: comptes[s])  # à égalité : `;` puis tab puis `,`
    return separateur if comptes[separateur] else ";"


def _ouvrir_csv(donnees: bytes) -> Tableau:
    texte = _decoder(donnees)
    del donnees
    separateur = detecter_separateur(texte)
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur, strict=False)

    def lignes() -> Iterator[tuple[int, list]]:
        numero = 0
        try:
            for numero, cellules in enumerate(lecteur, start=1):  # noqa: B007
                yield numero, cellules
        except csv.Error as erreur:
            raise FichierRefuse(
                f"Ligne {numero + 1} : le fichier CSV est mal formé ({erreur}). Vérifiez les "
                "guillemets et qu'aucune cellule ne dépasse quelques milliers de caractères."
            ) from None

    tableau = _trouver_entetes("CSV", lignes())
    tableau.feuille = {";": "point-virgule", ",": "virgule", "\t": "tabulation"}[separateur]
    return tableau


def _ouvrir_xlsx(donnees: bytes) -> Tableau:
    import openpyxl  # chargé seulement pour les classeurs
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        classeur = openpyxl.load_workbook(
            io.BytesIO(donnees), read_only=True, data_only=True, keep_links=False
        )
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as erreur:
        raise FichierRefuse(
            "Le classeur XLSX est illisible (fichier abîmé ou d'un autre format). "
            "Ouvrez-le dans votre tableur et enregistrez-le de nouveau au format XLSX."
        ) from erreur
    except Exception as erreur:  # openpyxl lève des erreurs variées sur un XML malformé
        raise FichierRefuse(
            "Le classeur XLSX est illisible. Enregistrez-le de nouveau au format XLSX, ou en CSV."
        ) from erreur
    # La première feuille dont une ligne porte des en-têtes reconnus (la grille de l'ANCT peut
    # commencer par une feuille d'explications).
    premiere_erreur = None
    for feuille in classeur.worksheets[:20]:
        try:
            tableau = _trouver_entetes("XLSX", _lignes_xlsx(feuille))
        except FichierRefuse as erreur:
            premiere_erreur = premiere_erreur or erreur
            continue
        tableau.feuille = feuille.title
        return tableau
    raise premiere_erreur or FichierRefuse("Le classeur ne contient aucune feuille.")


def _lignes_xlsx(feuille) -> Iterator[tuple[int, list]]:
    try:
        for numero, cellules in enumerate(
            feuille.iter_rows(values_only=True, max_col=COLONNES_MAX), start=1
        ):
            yield numero, list(cellules)
    except FichierRefuse:
        raise
    except Exception as erreur:
        raise FichierRefuse(
            "Le classeur XLSX est illisible au-delà de ses premières lignes. "
            "Enregistrez-le de nouveau au format XLSX, ou en CSV."
        ) from erreur


def _vide(cellule) -> bool:
    return cellule is None or (isinstance(cellule, str) and not cellule.strip())


def _trouver_entetes(format_: str, lignes: Iterator[tuple[int, list]]) -> Tableau:
    """Les en-têtes sont la première ligne portant au moins deux colonnes reconnues."""
    lues = []
    for numero, cellules in islice(lignes, LIGNES_EN_TETE_MAX):
        lues.append((numero, cellules))
        if len(reconnaitre_colonnes(cellules[:COLONNES_MAX]).reconnues) >= 2:
            reste = chain((ligne for ligne in lues if ligne[0] > numero), lignes)
            return Tableau(format_, list(cellules[:COLONNES_MAX]), numero, reste)
    if not any(not _vide(c) for _, cellules in lues for c in cellules):
        raise FichierRefuse("Le fichier ne contient aucune donnée.")
    raise FichierRefuse(
        "Aucune ligne d'en-têtes reconnue dans les premières lignes du fichier. La première "
        "ligne du tableau doit nommer les colonnes, par exemple : Type ; Marque ; Modèle ; "
        "Numéro de série ; Numéro d'inventaire ; Date d'achat ; Statut."
    )


# --- Lecture des lignes -------------------------------------------------------------------------


@dataclass
class LigneLue:
    numero: int
    valeurs: dict = field(default_factory=dict)
    erreurs: list[str] = field(default_factory=list)
    # Valeurs non reconnues d'un champ à correspondance (type, statut) : champ → texte lu.
    inconnues: dict[str, str] = field(default_factory=dict)
    # Valeurs laissées de côté sans bloquer la ligne (un usage non reconnu, par exemple).
    avertissements: list[str] = field(default_factory=list)

    @property
    def valide(self) -> bool:
        return not self.erreurs and not self.inconnues


def message_erreur(numero: int, entete: str, valeur, probleme: str) -> str:
    return f"Ligne {numero}, colonne « {entete} » : « {extrait(valeur)} » {probleme}."


def lire_lignes(tableau: Tableau, colonnes: Colonnes, choix: Choix) -> Iterator[LigneLue]:
    """Chaque ligne non vide du tableau, convertie ; ses erreurs sont dans `LigneLue.erreurs`."""
    reconnues = [(index, CHAMPS_PAR_CLE[cle], entete) for index, cle, entete in colonnes.reconnues]
    seuil = tableau.ligne_entetes + LIGNES_MAX
    for numero, cellules in tableau.lignes:
        if numero > seuil:
            raise FichierRefuse(
                f"Le fichier dépasse {LIGNES_MAX:_} lignes.".replace("_", " ")
                + " Découpez-le en plusieurs fichiers."
            )
        ligne = LigneLue(numero)
        for index, champ, entete in reconnues:
            brute = cellules[index] if index < len(cellules) else None
            if _vide(brute):
                continue
            if isinstance(brute, str):
                if ressemble_a_une_formule(brute):
                    ligne.erreurs.append(
                        message_erreur(
                            numero,
                            entete,
                            brute,
                            "ressemble à une formule de tableur : refusée par sécurité "
                            "(retirez le signe de début de cellule)",
                        )
                    )
                    continue
                brute = brute.strip()
                if len(brute) > TAILLE_CELLULE_MAX:
                    ligne.erreurs.append(
                        message_erreur(
                            numero, entete, brute, f"dépasse {TAILLE_CELLULE_MAX} caractères"
                        )
                    )
                    continue
            if champ.convertir is None:
                valeur = choix.trouver(champ.cle, brute)
                if valeur is not None:
                    ligne.valeurs[champ.cle] = (
                        valeur == "oui" if champ.cle == "mutualise" else valeur
                    )
                elif champ.cle in CHAMPS_A_CORRESPONDANCE:
                    ligne.inconnues[champ.cle] = " ".join(str(brute).split())[:200]
                elif champ.cle in CHAMPS_FACULTATIFS:
                    ligne.avertissements.append(
                        message_erreur(
                            numero, entete, brute, f"n'est pas {_attendu(champ.cle)} : ignoré"
                        )
                    )
                else:
                    ligne.erreurs.append(
                        message_erreur(numero, entete, brute, f"n'est pas {_attendu(champ.cle)}")
                    )
                continue
            try:
                ligne.valeurs[champ.cle] = champ.convertir(brute)
            except ValeurInvalide as erreur:
                ligne.erreurs.append(message_erreur(numero, entete, brute, str(erreur)))
        if ligne.valeurs or ligne.erreurs or ligne.inconnues:
            yield ligne


_ATTENDUS = {
    "origine": "une origine connue (neuf, reconditionné, réemploi interne, réparé)",
    "mutualise": "un usage reconnu (individuel ou mutualisé)",
    "destination_fin": (
        "une destination connue (réemploi interne, don, vente, cession, DEEE, autre filière "
        "agréée, reprise fournisseur)"
    ),
}


def _attendu(cle: str) -> str:
    return _ATTENDUS.get(cle, "une valeur reconnue")
