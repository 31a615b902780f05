"""Classeurs piégés, fabriqués en flux (quelques Ko compressés, des millions de cellules)."""

import io
import zipfile

TYPES_XLSX = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
CLASSEUR = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Parc" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
RELS_CLASSEUR = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def xlsx_brut(lignes) -> bytes:
    """Un XLSX minimal dont la feuille est écrite telle quelle : `lignes` produit des octets
    XML (`<row>…</row>`), en flux, pour qu'un test n'ait jamais tout le XML en mémoire."""
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES_XLSX)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", CLASSEUR)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS_CLASSEUR)
        with archive.open("xl/worksheets/sheet1.xml", "w") as feuille:
            feuille.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            for ligne in lignes:
                feuille.write(ligne)
            feuille.write(b"</sheetData></worksheet>")
    return tampon.getvalue()


def xlsx_cellules(nombre: int, par_ligne: int = 100) -> bytes:
    """`nombre` cellules numériques sans référence, `par_ligne` par ligne."""
    ligne = b"<row>" + b"<c><v>1</v></c>" * par_ligne + b"</row>"
    return xlsx_brut(ligne for _ in range(nombre // par_ligne))


def xlsx_etendue(derniere: str = "XFD1048576") -> bytes:
    """Deux cellules seulement, mais la seconde tout au bout de la feuille : un lecteur qui
    construit la grille entière y réserverait 17 milliards de cases."""
    numero = "".join(c for c in derniere if c.isdigit())
    return xlsx_brut(
        [
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>Type</t></is></c></row>',
            f'<row r="{numero}"><c r="{derniere}"><v>1</v></c></row>'.encode(),
        ]
    )


MANIFESTE_ODS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type='
    '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
    '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def _cellule_ods(valeur) -> str:
    from xml.sax.saxutils import escape

    if valeur is None or valeur == "":
        return "<table:table-cell/>"
    if isinstance(valeur, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{valeur}">'
            f"<text:p>{valeur}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(str(valeur))}</text:p>'
        "</table:table-cell>"
    )


def ods(lignes: list[list], *, brut: str = "") -> bytes:
    """Un classeur ODS comme LibreOffice l'écrit (mimetype en tête, non compressé), avec les
    lignes vides répétées que LibreOffice ajoute en fin de feuille ; `brut` : XML ajouté tel
    quel après les lignes (lignes répétées piégées)."""
    rangees = "".join(
        "<table:table-row>" + "".join(_cellule_ods(v) for v in ligne) + "</table:table-row>"
        for ligne in lignes
    )
    contenu = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Parc">'
        f"{rangees}{brut}"
        '<table:table-row table:number-rows-repeated="1048000">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", MANIFESTE_ODS, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", contenu, zipfile.ZIP_DEFLATED)
    return tampon.getvalue()
