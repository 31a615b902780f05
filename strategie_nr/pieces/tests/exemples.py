"""Fichiers d'essai fabriqués en mémoire : vrais formats acceptés, et imposteurs."""

import io
import zipfile

import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.text import P

from strategie_nr.pieces.demo import pdf_une_page

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def pdf() -> bytes:
    return pdf_une_page("Délibération", ["Le conseil adopte la stratégie."])


def xlsx() -> bytes:
    classeur = openpyxl.Workbook()
    classeur.active["A1"] = "Facture"
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def _odf(document) -> bytes:
    tampon = io.BytesIO()
    document.write(tampon)
    return tampon.getvalue()


def odt() -> bytes:
    document = OpenDocumentText()
    document.text.addElement(P(text="Compte rendu du COPIL"))
    return _odf(document)


def ods() -> bytes:
    return _odf(OpenDocumentSpreadsheet())


def _ooxml(type_principal: str, partie: str, autres: dict | None = None) -> bytes:
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{partie}" ContentType="{type_principal}"/></Types>'
    )
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(partie, "<document/>")
        for nom, contenu in (autres or {}).items():
            archive.writestr(nom, contenu)
    return tampon.getvalue()


def docx() -> bytes:
    return _ooxml(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "word/document.xml",
    )


def docm() -> bytes:
    return _ooxml(
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "word/document.xml",
        {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"},
    )


def xlsm() -> bytes:
    return _ooxml("application/vnd.ms-excel.sheet.macroEnabled.main+xml", "xl/workbook.xml")


def docx_avec_vba() -> bytes:
    """Un DOCX qui se dit ordinaire mais porte un projet VBA."""
    return _ooxml(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "word/document.xml",
        {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"},
    )


def pptx() -> bytes:
    return _ooxml(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        "ppt/presentation.xml",
    )


def odt_avec_macros() -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("Basic/Standard/Module1.xml", "<script:module/>")
    return tampon.getvalue()


def zip_quelconque() -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        archive.writestr("lisez-moi.txt", "rien")
    return tampon.getvalue()


EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
