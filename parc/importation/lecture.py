"""Lecture des fichiers d'inventaire (CSV, XLSX), sans base de données.

On lit les tableaux tels que les gens les ont : un export GLPI (`;`, UTF-8 avec BOM ou
Windows-1252, en-têtes français), la grille d'inventaire de l'ANCT, ou notre propre export.
Les colonnes sont reconnues par leur nom (accents, casse et espaces ignorés), jamais par leur
position ; les valeurs sont converties (dates, nombres à la française) et chaque erreur nomme
la ligne, la colonne et la valeur.

Ce module ne touche pas la base : les valeurs de référence (types, statuts…) lui sont données
sous forme de dictionnaires {clé normalisée → valeur} par l'appelant.
"""

import datetime
import functools
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import BinaryIO

from strategie_nr.plateforme import nombres, tableurs
from strategie_nr.plateforme.tableurs import FichierRefuse, Tableau, cle_valeur, extrait, normaliser

LIGNES_EN_TETE_MAX = 20  # les en-têtes sont cherchés dans les 20 premières lignes
TAILLE_CELLULE_MAX = 1_000  # caractères
FORMATS = ("CSV", "XLSX", "ODS")
__all__ = ["FichierRefuse", "Tableau", "cle_valeur", "extrait", "normaliser"]


def taille_max() -> int:
    """La taille maximale d'un fichier envoyé (réglage `TABLEURS_TAILLE_MAX`)."""
    return tableurs.Limites.reglages().taille


# --- Normalisation -----------------------------------------------------------------------------


# --- Conversions des valeurs ------------------------------------------------------------------


class ValeurInvalide(ValueError):
    """Une cellule illisible ; le message complète « colonne X : « valeur » … »."""


def convertir_nombre(valeur) -> Decimal:
    """« 1 234,5 », « 1.234,50 € », « 1234.5 », « 0,8 kg » → Decimal
    (`strategie_nr.plateforme.nombres`)."""
    try:
        return nombres.lire_nombre(valeur)
    except nombres.NombreInvalide as erreur:
        raise ValeurInvalide(str(erreur)) from None


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


def segment_entite(valeur) -> str:
    """« Entité racine > Ville de X > CCAS » → « CCAS » : le dernier segment d'un chemin.

    L'entité racine de GLPI (« Entité racine », « Root entity ») est passée ; ce qui reste,
    s'il n'a qu'un segment (« Ville de X »), est toute la collectivité : aucun service.
    """
    segments = [" ".join(s.split()) for s in str(valeur).split(">")]
    if segments and normaliser(segments[0]) in ("entiteracine", "rootentity"):
        segments = segments[1:]
    if len(segments) < 2:
        return ""
    dernier = segments[-1]
    if len(dernier) > 150:
        raise ValeurInvalide("dépasse 150 caractères")
    return dernier


# --- Injection de formules ---------------------------------------------------------------------

# Un inventaire ne contient jamais de formule : ces cellules sont refusées (voir `lire_lignes`)
# plutôt que neutralisées, pour que rien d'exécutable n'entre en base et que la personne voie
# ce qui cloche dans son fichier.
ressemble_a_une_formule = tableurs.ressemble_a_une_formule
# Premiers caractères d'une cellule qui peut ressembler à une formule (espaces compris).
_DEBUTS_SUSPECTS = frozenset("=+-@\t\r \u00a0")


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
        "nom",
        "Nom",
        _liste(
            "Nom de l'équipement | Nom de l'actif | Nom d'hôte | Nom du poste | Hostname | Name"
        ),
        convertir_texte(150),
    ),
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
        _liste("Date d'achat | Date achat | Acquisition | Acquis le | Date de livraison"),
        convertir_date,
    ),
    # Une colonne à part (notre export) : la date, quand elle est là, l'emporte sur l'année.
    Champ(
        "annee_acquisition",
        "Année d'acquisition",
        _liste("Année | Année d'achat"),
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
    Champ("entite", "Entité", _liste("Entity | Entité GLPI"), segment_entite),
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
# l'application s'y ajoutent (voir `Choix`). Ceux des types d'équipement sont dans le
# référentiel (`parc.SynonymeTypeEquipement`, modifiables dans l'admin) ; « Ordinateurs » seul
# y reste absent (portable ou fixe ?) : il est demandé à l'utilisateur.
SYNONYMES = {
    "statut": {
        "en_service": "en service | service | actif | active | en production | production"
        " | en utilisation | utilisé | affecté | en prêt | prêt | prêté | déployé"
        " | en fonctionnement",
        "en_stock": "en stock | stock | disponible | en réserve | réserve | non affecté"
        " | à reconditionner | en attente",
        "en_reparation": "en réparation | réparation | en panne | panne | sav | en maintenance"
        " | maintenance",
        "reforme": "réformé | au rebut | rebut | hors service | hs | sorti de l'inventaire"
        " | sorti | détruit | recyclé | retiré | volé | perdu | à détruire | déchet | deee",
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
        "non_renseignee": "non renseignée | inconnue",
    },
}


@dataclass
class Choix:
    """Pour chaque champ à choix : clé normalisée (`cle_valeur`) → valeur enregistrée."""

    valeurs: dict[str, dict[str, str]] = field(default_factory=dict)
    _cles: dict = field(default_factory=dict, repr=False)

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
        # Les mêmes valeurs reviennent à chaque ligne (« En service », « Laptop ») : la clé
        # normalisée de chaque texte n'est calculée qu'une fois.
        cle = self._cles.get(texte)
        if cle is None:
            cle = self._cles[texte] = cle_valeur(texte)
        return self.valeurs.get(champ, {}).get(cle)


# --- Ouverture des fichiers ---------------------------------------------------------------------


def ouvrir(nom: str, flux: BinaryIO | bytes, *, limites: tableurs.Limites | None = None) -> Tableau:
    """Ouvre un fichier CSV, XLSX ou ODS (limites vérifiées avant toute lecture) et trouve sa
    ligne d'en-têtes ; lève `FichierRefuse` avec un message clair sinon."""
    limites = limites or tableurs.Limites.reglages()
    if isinstance(flux, bytes | bytearray | memoryview):
        contenu = bytes(flux)
    else:
        contenu = flux.read(limites.taille + 1)
    classeur = tableurs.ouvrir(nom, contenu, limites=limites, formats=FORMATS)
    return tableurs.trouver_entetes(
        classeur,
        lambda cellules: len(reconnaitre_colonnes(cellules).reconnues) >= 2,
        lignes_max=LIGNES_EN_TETE_MAX,
        message=(
            "Aucune ligne d'en-têtes reconnue dans les premières lignes du fichier. La première "
            "ligne du tableau doit nommer les colonnes, par exemple : Type ; Marque ; Modèle ; "
            "Numéro de série ; Numéro d'inventaire ; Date d'achat ; Statut."
        ),
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
    # Ce que l'import a décidé pour la ligne (un prix « 0,00 » lu comme inconnu…).
    notes: list[str] = field(default_factory=list)

    @property
    def valide(self) -> bool:
        return not self.erreurs and not self.inconnues


def message_erreur(numero: int, entete: str, valeur, probleme: str) -> str:
    return f"Ligne {numero}, colonne « {entete} » : « {extrait(valeur)} » {probleme}."


_ABSENT = object()
MEMO_MAX = 50_000


def lire_lignes(tableau: Tableau, colonnes: Colonnes, choix: Choix) -> Iterator[LigneLue]:
    """Chaque ligne non vide du tableau, convertie ; ses erreurs sont dans `LigneLue.erreurs`."""
    reconnues = [(index, CHAMPS_PAR_CLE[cle], entete) for index, cle, entete in colonnes.reconnues]
    glpi = tableau.format == "CSV"
    # Cellule → valeur convertie (ou erreur) : lieux, prix, dates, entités se répètent d'une
    # ligne à l'autre ; les conversions ne dépendent que de la cellule.
    memo: dict = {}
    for numero, cellules in tableau.lignes:
        ligne = LigneLue(numero)
        taille = len(cellules)
        for index, champ, entete in reconnues:
            brute = cellules[index] if index < taille else None
            if brute is None or brute == "":
                continue
            if isinstance(brute, str):
                # Les tests coûteux seulement quand un caractère les demande (50 000 lignes).
                if "&" in brute or "<" in brute or "''" in brute:
                    brute = nettoyer(brute, glpi=glpi)
                if brute[:1] in _DEBUTS_SUSPECTS and ressemble_a_une_formule(brute):
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
                if not brute:
                    continue
                if len(brute) > TAILLE_CELLULE_MAX:
                    ligne.erreurs.append(
                        message_erreur(
                            numero, entete, brute, f"dépasse {TAILLE_CELLULE_MAX} caractères"
                        )
                    )
                    continue
            if champ.convertir is None:
                valeur = choix.trouver(champ.cle, brute)
                if valeur is None and champ.cle == "statut":
                    valeur = _statut_hierarchique(choix, brute)
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
            cle_memo = (champ.cle, brute.__class__, brute)
            valeur = memo.get(cle_memo, _ABSENT)
            if valeur is _ABSENT:
                try:
                    valeur = champ.convertir(brute)
                except ValeurInvalide as erreur:
                    valeur = erreur
                if len(memo) < MEMO_MAX:
                    memo[cle_memo] = valeur
            if isinstance(valeur, ValeurInvalide):
                ligne.erreurs.append(message_erreur(numero, entete, brute, str(valeur)))
                continue
            if valeur == "":
                continue
            if champ.cle == "prix_achat_ht" and valeur == 0:
                # GLPI écrit « 0,00 » quand rien n'a été saisi : un prix inconnu, pas 0 €.
                ligne.notes.append(f"« {extrait(brute)} » ({entete}) : prix inconnu, pas 0 €")
                continue
            ligne.valeurs[champ.cle] = valeur
        annee = ligne.valeurs.pop("annee_acquisition", None)
        if annee is not None:
            ligne.valeurs.setdefault("date_acquisition", annee)
        if ligne.valeurs or ligne.erreurs or ligne.inconnues:
            yield ligne


_BR = re.compile(r"\s*<(?:br|hr)\s*/?>\s*", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)  # « Salle d&#039;archives » revient à chaque ligne
def nettoyer(texte: str, *, glpi: bool = False) -> str:
    """Une cellule telle que la personne l'a saisie : entités HTML décodées (« Salle
    d&#039;archives »), listes GLPI jointes par « , » (« a<br>b »), et, dans un CSV, le `''`
    par lequel GLPI remplace un guillemet redevenu `"`."""
    if "&" in texte:
        texte = html.unescape(texte)
    if "<" in texte:
        texte = ", ".join(p for p in _BR.split(texte) if p.strip())
    if glpi and "''" in texte:
        texte = texte.replace("''", '"')
    return texte


def _statut_hierarchique(choix: "Choix", texte) -> str | None:
    """« En stock > À reconditionner » : le segment le plus précis reconnu, sinon le suivant."""
    if ">" not in str(texte):
        return None
    for segment in reversed(str(texte).split(">")):
        if (valeur := choix.trouver("statut", segment)) is not None:
            return valeur
    return None


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
