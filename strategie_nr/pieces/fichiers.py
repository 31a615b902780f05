"""Le type d'un fichier déposé, reconnu à son contenu : jamais à son extension ni au type
annoncé par le navigateur.

- PDF, PNG et JPEG : leurs premiers octets (signature du format) ;
- ODT et ODS (archives ZIP) : l'entrée `mimetype`, la première de l'archive, qui nomme le
  type OpenDocument ; une archive qui porte des macros (dossiers `Basic/` ou `Scripts/`) est
  refusée ;
- DOCX et XLSX (archives ZIP) : la partie principale déclarée dans `[Content_Types].xml` ;
  les variantes à macros (`.docm`, `.xlsm`), les modèles et toute archive qui contient un
  projet VBA sont refusés.

Tout le reste est refusé. Seuls l'annuaire de l'archive et ces deux petites entrées sont lus :
rien n'est décompressé d'autre.
"""

import hashlib
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree

from strategie_nr.plateforme.tableurs import FichierRefuse

__all__ = ["FichierRefuse", "TypeFichier", "TYPES", "type_du_fichier", "nom_assaini", "empreinte"]


@dataclass(frozen=True)
class TypeFichier:
    code: str
    libelle: str
    extension: str
    mime: str


TYPES = {
    t.code: t
    for t in (
        TypeFichier("pdf", "PDF", "pdf", "application/pdf"),
        TypeFichier("odt", "Texte OpenDocument", "odt", "application/vnd.oasis.opendocument.text"),
        TypeFichier(
            "ods",
            "Classeur OpenDocument",
            "ods",
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
        TypeFichier(
            "docx",
            "Document Word",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        TypeFichier(
            "xlsx",
            "Classeur Excel",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        TypeFichier("png", "Image PNG", "png", "image/png"),
        TypeFichier("jpeg", "Image JPEG", "jpg", "image/jpeg"),
    )
}
FORMATS_ACCEPTES = "PDF, ODT, ODS, DOCX, XLSX, PNG ou JPEG"
ACCEPT = ".pdf,.odt,.ods,.docx,.xlsx,.png,.jpg,.jpeg"

SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
ZIP = b"PK\x03\x04"
ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
OOXML = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
}
TYPES_CONTENU_MAX = 256 * 1024  # `[Content_Types].xml` d'un vrai document : quelques Ko
ENTREES_MAX = 20_000

REFUS_FORMAT = (
    "Ce fichier n'est pas d'un format accepté, quel que soit son nom : déposez un "
    f"{FORMATS_ACCEPTES}. Un document d'un autre format peut être enregistré en PDF."
)
REFUS_MACROS = (
    "Ce document contient des macros, qui ne sont pas acceptées : enregistrez-le sans macros "
    "(DOCX, XLSX, ODT, ODS) ou en PDF."
)


def _tete(flux, n: int = 16) -> bytes:
    flux.seek(0)
    tete = flux.read(n)
    flux.seek(0)
    return tete


def type_du_fichier(flux) -> TypeFichier:
    """Le type reconnu au contenu du fichier (ouvert en binaire, qu'on peut relire), ou
    `FichierRefuse` avec un message en français."""
    tete = _tete(flux)
    if not tete:
        raise FichierRefuse("Le fichier est vide.")
    for signature, code in SIGNATURES:
        if tete.startswith(signature):
            return TYPES[code]
    if tete.startswith(ZIP):
        return TYPES[_type_archive(flux)]
    raise FichierRefuse(REFUS_FORMAT)


def _type_archive(flux) -> str:
    try:
        with zipfile.ZipFile(flux) as archive:
            entrees = archive.infolist()
            if len(entrees) > ENTREES_MAX:
                raise FichierRefuse(REFUS_FORMAT)
            noms = [e.filename for e in entrees]
            if entrees and entrees[0].filename == "mimetype":
                return _type_odf(archive, entrees[0], noms)
            if "[Content_Types].xml" in noms:
                return _type_ooxml(archive, noms)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        RuntimeError,
        NotImplementedError,  # méthode de compression inconnue
        ValueError,
        zlib.error,  # données compressées abîmées
    ) as erreur:
        raise FichierRefuse(
            "Ce fichier est une archive abîmée ou chiffrée : il ne peut pas être accepté. "
            f"Déposez un {FORMATS_ACCEPTES}."
        ) from erreur
    finally:
        flux.seek(0)
    raise FichierRefuse(REFUS_FORMAT)


def _type_odf(archive, entree, noms) -> str:
    if entree.file_size > 100:
        raise FichierRefuse(REFUS_FORMAT)
    code = ODF.get(archive.read(entree).strip())
    if code is None:
        raise FichierRefuse(REFUS_FORMAT)
    if any(n.startswith(("Basic/", "Scripts/")) for n in noms):
        raise FichierRefuse(REFUS_MACROS)
    return code


def _type_ooxml(archive, noms) -> str:
    if any(n.lower().endswith("vbaproject.bin") for n in noms):
        raise FichierRefuse(REFUS_MACROS)
    info = archive.getinfo("[Content_Types].xml")
    if info.file_size > TYPES_CONTENU_MAX:
        raise FichierRefuse(REFUS_FORMAT)
    xml = archive.read(info)
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise FichierRefuse(REFUS_FORMAT)
    try:
        racine = ElementTree.fromstring(xml)
    except ElementTree.ParseError as erreur:
        raise FichierRefuse(REFUS_FORMAT) from erreur
    types = {
        (element.get("ContentType") or "").strip()
        for element in racine.iter()
        if element.tag.rsplit("}", 1)[-1] in ("Override", "Default")
    }
    if any("macroenabled" in t.lower() or "vbaproject" in t.lower() for t in types):
        raise FichierRefuse(REFUS_MACROS)
    trouves = {OOXML[t] for t in types if t in OOXML}
    if len(trouves) != 1:
        raise FichierRefuse(REFUS_FORMAT)
    return trouves.pop()


def empreinte(flux) -> str:
    """SHA-256 du fichier, lu par morceaux : la preuve que la pièce n'a pas changé."""
    somme = hashlib.sha256()
    flux.seek(0)
    for morceau in iter(lambda: flux.read(64 * 1024), b""):
        somme.update(morceau)
    flux.seek(0)
    return somme.hexdigest()


def taille_lisible(octets: int) -> str:
    """« 10 Mo », « 512 Ko » : la taille d'une limite, pour les messages."""
    mo = 1024 * 1024
    return f"{octets // mo} Mo" if octets >= mo else f"{max(octets // 1024, 1)} Ko"


PERMIS = frozenset(" -_.,()'+&")


def nom_assaini(nom: str, type_fichier: TypeFichier, longueur: int = 120) -> str:
    """Le nom montré et proposé au téléchargement : sans chemin, sans caractère de contrôle
    ni séparateur, et avec l'extension du type reconnu (pas celle annoncée)."""
    nom = unicodedata.normalize("NFC", nom or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = nom.rsplit(".", 1)[0] if "." in nom.lstrip(".") else nom
    base = "".join(c if c.isalnum() or c in PERMIS else "_" for c in base)
    base = " ".join(base.split()).strip(" ._")[:longueur].strip(" ._")
    return f"{base or 'piece-justificative'}.{type_fichier.extension}"
