"""Le moteur de tableurs du projet : lecture (CSV, XLSX, ODS) et écriture (XLSX), une seule fois.

Chaque import (parc, plan d'action, indicateurs) et chaque export passe par ici :
- les limites d'un fichier (taille envoyée, taille décompressée, lignes, cellules) sont vérifiées
  **avant** de le lire : un classeur piégé (quelques Ko qui se décompressent en millions de
  cellules) est refusé en lisant seulement l'annuaire de l'archive et en comptant les balises
  de ses feuilles, sans rien construire en mémoire ;
- le texte est décodé (UTF-8 avec ou sans BOM, UTF-16, Windows-1252) et son séparateur deviné ;
- les classeurs XLSX et ODS sont lus par python-calamine (mesuré contre openpyxl + odfpy :
  voir `bench/lecteurs_tableur.py`) ;
- les en-têtes sont cherchés dans les premières lignes par une fonction propre à chaque domaine ;
- une cellule qui ressemble à une formule est reconnue de la même façon à l'import (refusée) et
  à l'export (neutralisée par une apostrophe).

Ce module ne connaît aucun domaine : les colonnes et leurs conversions restent dans chaque app.
"""

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain, islice

from django.conf import settings

Mo = 1024 * 1024
COLONNES_MAX = 200
TAILLE_CELLULE_MAX = 32_767  # la limite d'Excel ; chaque domaine peut être plus strict
FORMATS = {
    ".csv": "CSV",
    ".txt": "CSV",
    ".tsv": "CSV",
    ".xlsx": "XLSX",
    ".xlsm": "XLSX",
    ".ods": "ODS",
}
TYPES_MIME = {
    "CSV": "text/csv",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ODS": "application/vnd.oasis.opendocument.spreadsheet",
}
ACCEPT = ".csv,.txt,.tsv,.xlsx,.ods"


class FichierRefuse(Exception):
    """Le fichier entier est refusé ; le message, en français, dit pourquoi et quoi faire."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Limites -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limites:
    taille: int  # octets envoyés
    decompresse: int  # octets une fois décompressé (XLSX, ODS)
    lignes: int
    cellules: int

    @classmethod
    def reglages(cls, **remplacements) -> "Limites":
        """Les limites des réglages (`TABLEURS_*`), lues à l'appel, pas à l'import."""
        valeurs = {
            "taille": getattr(settings, "TABLEURS_TAILLE_MAX", 20 * Mo),
            "decompresse": getattr(settings, "TABLEURS_DECOMPRESSE_MAX", 50 * Mo),
            "lignes": getattr(settings, "TABLEURS_LIGNES_MAX", 200_000),
            "cellules": getattr(settings, "TABLEURS_CELLULES_MAX", 2_000_000),
        }
        valeurs.update({cle: valeur for cle, valeur in remplacements.items() if valeur})
        return cls(**valeurs)


def _nombre(valeur: int) -> str:
    return f"{valeur:_}".replace("_", "\u202f")


def _trop(quoi: str, limite: int) -> FichierRefuse:
    return FichierRefuse(
        f"Le fichier est refusé : il dépasse {quoi} ({_nombre(limite)} au plus). "
        "Découpez-le en plusieurs fichiers, ou retirez les lignes et colonnes inutiles."
    )


# --- Texte -------------------------------------------------------------------------------------


def normaliser(texte) -> str:
    """« Numéro d'inventaire » → « numerodinventaire » : sans accents, casse ni ponctuation."""
    texte = unicodedata.normalize("NFKD", str(texte)).casefold()
    return "".join(c for c in texte if c.isalnum() and not unicodedata.combining(c))


_NUMEROTATION = re.compile(r"^\s*\d{1,3}\s*[.)\-–]\s*")


def cle_valeur(texte) -> str:
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
    """La valeur telle qu'on la cite dans un message, sur une ligne, raccourcie si longue."""
    texte = " ".join(str(valeur).split())
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"


def vide(cellule) -> bool:
    return cellule is None or (isinstance(cellule, str) and not cellule.strip())


def decoder(donnees: bytes) -> str:
    """Le texte d'un CSV : UTF-8 (avec ou sans BOM), UTF-16 avec BOM, sinon Windows-1252."""
    if donnees.startswith(b"\xef\xbb\xbf"):
        encodages = ["utf-8-sig"]
    elif donnees.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodages = ["utf-16"]
    else:
        if b"\x00" in donnees[:8192]:
            raise FichierRefuse(
                "Le fichier semble binaire (ce n'est pas du texte) : importez un CSV, un XLSX "
                "ou un ODS."
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
                "Le fichier semble binaire (ce n'est pas du texte) : importez un CSV, un XLSX "
                "ou un ODS."
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


# --- Formules ----------------------------------------------------------------------------------

_NOMBRE_SIGNE = re.compile(r"[+-]\s*[\d\s.,\u00a0\u202f]*\d[\d\s.,\u00a0\u202f]*")


def commence_comme_une_formule(valeur) -> bool:
    """Une cellule texte qu'un tableur pourrait interpréter : elle commence (espaces ignorés)
    par `=`, `+`, `-` ou `@`, ou par une tabulation ou un retour chariot."""
    if not isinstance(valeur, str) or not valeur:
        return False
    if valeur[0] in "\t\r":
        return True
    debut = valeur.lstrip(" \u00a0")
    return bool(debut) and debut[0] in "=+-@"


def ressemble_a_une_formule(valeur) -> bool:
    """À l'import : une cellule qui commence comme une formule, sauf un nombre signé (« -5 »,
    « + 3,5 »), un tiret seul ou une puce de texte (« - vérifier le contrat »).

    « -2+3 », « - 2+3 », « -cmd|' /C calc'!A0 », « =HYPERLINK(…) », « @SUM(…) » en sont.
    """
    if not commence_comme_une_formule(valeur):
        return False
    debut = valeur.lstrip(" \u00a0")
    if debut in ("-", "+") or _NOMBRE_SIGNE.fullmatch(debut):
        return False
    if debut[0] == "-" and debut[1:2] == " ":
        suite = debut[1:].lstrip(" ")
        return not (suite[:1].isalpha() and not re.search(r"[=+*/^&|!(]", suite))
    return True


def neutraliser(valeur):
    """À l'export : une cellule texte qui commence comme une formule est préfixée d'une
    apostrophe, pour qu'aucun tableur ne l'exécute."""
    if commence_comme_une_formule(valeur):
        return "'" + valeur
    return valeur


# --- Lecture -----------------------------------------------------------------------------------


@dataclass
class Feuille:
    """Les lignes d'une feuille : (numéro tel que le tableur l'affiche, cellules)."""

    nom: str
    lignes: Iterator[tuple[int, list]]


@dataclass
class Classeur:
    format: str  # CSV, XLSX, ODS
    feuilles: Iterator[Feuille]


def format_du_fichier(nom: str) -> str | None:
    nom = (nom or "").strip().lower()
    return FORMATS.get(nom[nom.rfind(".") :] if "." in nom else "")


def ouvrir(
    nom: str,
    contenu: bytes,
    *,
    limites: Limites | None = None,
    formats: tuple[str, ...] = ("CSV", "XLSX", "ODS"),
) -> Classeur:
    """Ouvre un fichier après avoir vérifié ses limites ; `FichierRefuse` sinon."""
    limites = limites or Limites.reglages()
    format_ = format_du_fichier(nom)
    acceptes = " ou ".join(formats)
    if format_ not in formats:
        raise FichierRefuse(
            f"Le fichier « {extrait(nom)} » n'est pas d'un format accepté. "
            f"Enregistrez votre tableau au format {acceptes} (CSV : séparateur point-virgule)."
        )
    if len(contenu) > limites.taille:
        raise FichierRefuse(
            f"Le fichier dépasse la taille maximale de {limites.taille // Mo} Mo. "
            "Découpez-le en plusieurs fichiers, ou retirez les colonnes inutiles."
        )
    if not contenu.strip():
        raise FichierRefuse("Le fichier est vide.")
    debut = contenu[:8]
    if debut.startswith(b"\xd0\xcf\x11\xe0"):
        raise FichierRefuse(
            "Ce fichier est un classeur Excel ancien format (.xls). "
            f"Enregistrez-le au format {acceptes}, puis importez-le de nouveau."
        )
    if debut.startswith(b"%PDF"):
        raise FichierRefuse(f"Ce fichier est un PDF, pas un tableau. Importez un {acceptes}.")
    archive = debut.startswith(b"PK\x03\x04")
    if format_ == "CSV":
        if archive:
            raise FichierRefuse(
                f"Le fichier « {extrait(nom)} » porte une extension de texte mais c'est un "
                "fichier compressé (peut-être un classeur) : renommez-le en .xlsx ou .ods, ou "
                "exportez-le en CSV."
            )
        return Classeur("CSV", iter([_feuille_csv(contenu, limites)]))
    if not archive:
        raise FichierRefuse(
            f"Le fichier « {extrait(nom)} » n'est pas un classeur {format_} malgré son extension. "
            "S'il s'agit d'un CSV, renommez-le en .csv."
        )
    verifier_archive(contenu, format_, limites)
    return Classeur(format_, _feuilles_classeur(contenu, format_))


def _feuille_csv(contenu: bytes, limites: Limites) -> Feuille:
    texte = decoder(contenu)
    separateur = detecter_separateur(texte)
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur, strict=False)

    def lignes() -> Iterator[tuple[int, list]]:
        numero = cellules_lues = 0
        try:
            for numero, cellules in enumerate(lecteur, start=1):  # noqa: B007
                if numero > limites.lignes:
                    raise _trop("le nombre de lignes", limites.lignes)
                cellules = cellules[:COLONNES_MAX]
                cellules_lues += len(cellules)
                if cellules_lues > limites.cellules:
                    raise _trop("le nombre de cellules", limites.cellules)
                yield numero, cellules
        except csv.Error as erreur:
            raise FichierRefuse(
                f"Ligne {numero + 1} : le fichier CSV est mal formé ({erreur}). Vérifiez les "
                "guillemets et qu'aucune cellule ne dépasse quelques milliers de caractères."
            ) from None

    nom = {";": "point-virgule", ",": "virgule", "\t": "tabulation"}[separateur]
    return Feuille(nom, lignes())


# Les lignes d'une feuille XLSX et leur numéro ; les colonnes au-delà de Z (préfixe d'espace de
# noms facultatif). Les cellules sont comptées par `bytes.count`, sans expression régulière.
# Motifs qui commencent par un littéral : la recherche saute d'occurrence en occurrence.
_XLSX_NUMERO_LIGNE = re.compile(rb'<row r="(\d+)"')
_XLSX_COLONNE_LARGE = re.compile(rb' r="([A-Z]{2,3})(\d+)"')
_ODS_BALISES = re.compile(
    rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)\b([^>]*?)(/?)>"
)
_ODS_REPETE = re.compile(rb'table:number-(?:rows|columns)-repeated="(\d+)"')
_ODS_VALEUR = re.compile(rb"office:value")
TAILLE_MORCEAU = 1 * Mo


def _colonne(lettres: bytes) -> int:
    numero = 0
    for lettre in lettres:
        numero = numero * 26 + lettre - 64
    return numero


def verifier_archive(contenu: bytes, format_: str, limites: Limites) -> None:
    """Refuse un classeur trop grand sans le lire : tailles de l'annuaire de l'archive, puis
    décompression en flux des feuilles pour compter lignes et cellules (étendue comprise)."""
    try:
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            entrees = archive.infolist()
            if len(entrees) > 10_000:
                raise _trop("le nombre de parties de l'archive", 10_000)
            total = sum(entree.file_size for entree in entrees)
            if total > limites.decompresse:
                raise FichierRefuse(
                    f"Le classeur est refusé : une fois décompressé, il occupe plus de "
                    f"{limites.decompresse // Mo} Mo. Découpez-le en plusieurs fichiers, ou "
                    "enregistrez-le en CSV."
                )
            noms = {entree.filename for entree in entrees}
            if format_ == "ODS":
                if "content.xml" not in noms:
                    raise FichierRefuse(
                        "Ce classeur ODS est illisible (contenu absent). Enregistrez-le de "
                        "nouveau depuis votre tableur."
                    )
                _compter_ods(archive, limites)
            else:
                feuilles = [n for n in noms if n.startswith("xl/worksheets/") and n[-4:] == ".xml"]
                if not feuilles:
                    raise FichierRefuse(
                        "Ce classeur XLSX ne contient aucune feuille lisible. Enregistrez-le de "
                        "nouveau depuis votre tableur."
                    )
                for nom in feuilles:
                    _compter_xlsx(archive, nom, limites)
    except FichierRefuse:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as erreur:
        raise FichierRefuse(
            f"Le classeur {format_} est illisible (fichier abîmé ou protégé par un mot de passe). "
            f"Ouvrez-le dans votre tableur et enregistrez-le de nouveau, ou exportez-le en CSV."
        ) from erreur


def _morceaux(archive: zipfile.ZipFile, nom: str) -> Iterator[bytes]:
    """Le contenu d'une partie, décompressé par morceaux qui se recouvrent un peu (une balise
    à cheval sur deux morceaux est lue entière dans le second)."""
    reste = b""
    with archive.open(nom) as flux:
        while morceau := flux.read(TAILLE_MORCEAU):
            donnees = reste + morceau
            coupure = donnees.rfind(b"<")
            if coupure <= 0:
                reste = donnees[-4096:]
                continue
            yield donnees[:coupure]
            reste = donnees[coupure:]
            if len(reste) > 65_536:
                raise FichierRefuse("Le classeur contient une balise démesurée : il est refusé.")
    if reste:
        yield reste


def _compter_xlsx(archive: zipfile.ZipFile, nom: str, limites: Limites) -> None:
    lignes = cellules = derniere_ligne = 0
    derniere_colonne = 0
    for morceau in _morceaux(archive, nom):
        cellules += sum(morceau.count(balise) for balise in (b"<c ", b"<c>", b":c ", b":c>"))
        if derniere_colonne < 26 and (b"<c " in morceau or b":c " in morceau):
            derniere_colonne = 26  # au plus Z sans référence plus large
        lignes += morceau.count(b"<row") + morceau.count(b":row ")
        derniere_ligne = max(derniere_ligne, lignes)
        for numero in _XLSX_NUMERO_LIGNE.finditer(morceau):
            derniere_ligne = max(derniere_ligne, int(numero.group(1)))
        for reference in _XLSX_COLONNE_LARGE.finditer(morceau):
            derniere_colonne = max(derniere_colonne, _colonne(reference.group(1)))
            derniere_ligne = max(derniere_ligne, int(reference.group(2)))
        if derniere_ligne > limites.lignes:
            raise _trop("le nombre de lignes", limites.lignes)
        if cellules > limites.cellules or derniere_ligne * derniere_colonne > limites.cellules:
            raise _trop("le nombre de cellules", limites.cellules)


def _compter_ods(archive: zipfile.ZipFile, limites: Limites) -> None:
    """Lignes et colonnes répétées (`number-rows-repeated`) comptées : seules celles qui portent
    une valeur comptent (LibreOffice écrit des milliers de lignes vides répétées en fin de
    feuille), mais leur position étend la feuille."""
    ligne = hauteur = largeur = cellules = balises = 0
    repetition_ligne, colonne, ligne_pleine = 1, 0, False
    for morceau in _morceaux(archive, "content.xml"):
        balises += morceau.count(b"<table:table-cell") + morceau.count(b"<table:covered-table")
        if balises > limites.cellules:
            raise _trop("le nombre de cellules", limites.cellules)
        for balise in _ODS_BALISES.finditer(morceau):
            fermante, nom, attributs, auto = balise.groups()
            repetition = _ODS_REPETE.search(attributs)
            fois = int(repetition.group(1)) if repetition else 1
            if nom == b"table":
                ligne = 0
            elif nom == b"table-row":
                if fermante:
                    ligne += repetition_ligne
                    if ligne_pleine:
                        hauteur = max(hauteur, ligne)
                else:
                    repetition_ligne, colonne, ligne_pleine = fois, 0, False
                    if auto:
                        ligne += fois
            else:
                if fermante:
                    continue
                colonne += fois
                pleine = not auto or bool(_ODS_VALEUR.search(attributs))
                if pleine:
                    ligne_pleine = True
                    largeur = max(largeur, colonne)
                    cellules += fois * repetition_ligne
        if hauteur > limites.lignes:
            raise _trop("le nombre de lignes", limites.lignes)
        if cellules > limites.cellules or hauteur * largeur > limites.cellules:
            raise _trop("le nombre de cellules", limites.cellules)


def _feuilles_classeur(contenu: bytes, format_: str) -> Iterator[Feuille]:
    import python_calamine  # import tardif : lecteur natif, chargé au premier classeur lu

    try:
        classeur = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(contenu))
        noms = classeur.sheet_names[:20]
    except Exception as erreur:  # calamine lève des erreurs variées sur une archive abîmée
        raise FichierRefuse(
            f"Le classeur {format_} est illisible (fichier abîmé ou protégé par un mot de passe). "
            "Ouvrez-le dans votre tableur et enregistrez-le de nouveau, ou exportez-le en CSV."
        ) from erreur
    for rang, nom in enumerate(noms):
        yield Feuille(nom, _lignes_calamine(classeur, rang, format_))


def _lignes_calamine(classeur, rang: int, format_: str) -> Iterator[tuple[int, list]]:
    try:
        feuille = classeur.get_sheet_by_index(rang)
        # `iter_rows` part de la ligne 1 (lignes vides comprises) mais de la première colonne
        # remplie : les colonnes sont recalées pour que la position soit celle du tableur.
        decalage = [None] * ((feuille.start or (0, 0))[1])
        for numero, cellules in enumerate(feuille.iter_rows(), start=1):
            yield numero, [*decalage, *(None if c == "" else c for c in cellules)][:COLONNES_MAX]
    except FichierRefuse:
        raise
    except Exception as erreur:
        raise FichierRefuse(
            f"Le classeur {format_} est illisible au-delà de ses premières lignes. "
            "Enregistrez-le de nouveau depuis votre tableur, ou exportez-le en CSV."
        ) from erreur


# --- En-têtes ----------------------------------------------------------------------------------


@dataclass
class Tableau:
    """Une feuille dont la ligne d'en-têtes est trouvée : en-têtes, puis les lignes suivantes."""

    format: str
    feuille: str
    entetes: list
    ligne_entetes: int
    lignes: Iterator[tuple[int, list]]


def trouver_entetes(
    classeur: Classeur,
    est_entete: Callable[[list], bool],
    *,
    lignes_max: int = 20,
    message: str,
) -> Tableau:
    """La première ligne (des `lignes_max` premières de chaque feuille) que `est_entete`
    reconnaît ; les feuilles d'explications qui précèdent sont passées."""
    toutes_vides = True
    for feuille in classeur.feuilles:
        lues = []
        for numero, cellules in islice(feuille.lignes, lignes_max):
            lues.append((numero, cellules))
            if est_entete(cellules):
                reste = chain((ligne for ligne in lues if ligne[0] > numero), feuille.lignes)
                return Tableau(classeur.format, feuille.nom, list(cellules), numero, reste)
        toutes_vides = toutes_vides and not any(
            not vide(c) for _, cellules in lues for c in cellules
        )
    if toutes_vides:
        raise FichierRefuse("Le fichier ne contient aucune donnée.")
    raise FichierRefuse(message)


# --- Écriture ----------------------------------------------------------------------------------


@dataclass
class Colonne:
    """Une colonne d'un classeur écrit : son en-tête et, au besoin, son format de nombre
    (« DD/MM/YYYY », « #,##0.00 "€" », ou une fonction qui le choisit selon la valeur) et sa
    largeur."""

    entete: str
    format_nombre: str | Callable[[object], str] = ""
    largeur: int = 0


def classeur_xlsx(feuilles: list[tuple[str, list, list[list]]], *, figer: str = "A2") -> bytes:
    """Un classeur d'une feuille par (titre, en-têtes, lignes), en-têtes en gras et figés.

    Les en-têtes sont des textes ou des `Colonne` ; les lignes sont écrites en flux
    (openpyxl en écriture seule) et chaque texte qui commence comme une formule est neutralisé.
    """
    # Import tardif : openpyxl est lourd à charger, seul un export XLSX en a besoin.
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    classeur = openpyxl.Workbook(write_only=True)
    gras = Font(bold=True)
    for titre, entetes, lignes in feuilles:
        colonnes = [c if isinstance(c, Colonne) else Colonne(str(c)) for c in entetes]
        feuille = classeur.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", titre)[:31])
        for position, colonne in enumerate(colonnes, start=1):
            largeur = colonne.largeur or min(60, max(12, len(colonne.entete) + 4))
            feuille.column_dimensions[get_column_letter(position)].width = largeur
        feuille.freeze_panes = figer
        entete = []
        for colonne in colonnes:
            cellule = WriteOnlyCell(feuille, value=neutraliser(colonne.entete))
            cellule.font = gras
            entete.append(cellule)
        feuille.append(entete)
        formats = [c.format_nombre for c in colonnes]
        for ligne in lignes:
            cellules = []
            for position, valeur in enumerate(ligne):
                valeur = neutraliser(valeur)
                format_nombre = formats[position] if position < len(formats) else ""
                if callable(format_nombre):
                    format_nombre = format_nombre(valeur)
                if format_nombre and valeur not in (None, ""):
                    cellule = WriteOnlyCell(feuille, value=valeur)
                    cellule.number_format = format_nombre
                    cellules.append(cellule)
                else:
                    cellules.append(valeur)
            feuille.append(cellules)
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()
