"""Le type d'un fichier se reconnaît à son contenu ; tout le reste est refusé."""

import io
import zipfile

import pytest

from strategie_nr.pieces.fichiers import TYPES, FichierRefuse, nom_assaini, type_du_fichier

from . import exemples


@pytest.mark.parametrize(
    ("contenu", "code"),
    [
        (exemples.pdf, "pdf"),
        (lambda: exemples.PNG, "png"),
        (lambda: exemples.JPEG, "jpeg"),
        (exemples.xlsx, "xlsx"),
        (exemples.docx, "docx"),
        (exemples.odt, "odt"),
        (exemples.ods, "ods"),
    ],
)
def test_formats_acceptes_reconnus_au_contenu(contenu, code):
    flux = io.BytesIO(contenu())
    assert type_du_fichier(flux).code == code
    assert flux.tell() == 0  # relisible ensuite


def _zip_au_contenu_abime() -> bytes:
    """Une archive bien formée dont l'entrée compressée ne se décompresse pas (zlib.error)."""
    flux = io.BytesIO()
    with zipfile.ZipFile(flux, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>" * 50)
    octets = bytearray(flux.getvalue())
    debut = 30 + len("[Content_Types].xml")  # après l'en-tête local de l'entrée
    octets[debut : debut + 2] = b"\xff\xff"
    return bytes(octets)


@pytest.mark.parametrize(
    ("contenu", "message"),
    [
        (lambda: exemples.EXECUTABLE, "pas d'un format accepté"),
        (lambda: exemples.HTML, "pas d'un format accepté"),
        (lambda: exemples.SVG, "pas d'un format accepté"),
        (exemples.zip_quelconque, "pas d'un format accepté"),
        (exemples.pptx, "pas d'un format accepté"),
        (exemples.docm, "macros"),
        (exemples.xlsm, "macros"),
        (exemples.docx_avec_vba, "macros"),
        (exemples.odt_avec_macros, "macros"),
        (lambda: b"PK\x03\x04abime", "abîmée"),
        (_zip_au_contenu_abime, "abîmée"),
        (lambda: b"", "vide"),
    ],
)
def test_autres_contenus_refuses_avec_un_message_en_francais(contenu, message):
    with pytest.raises(FichierRefuse) as refus:
        type_du_fichier(io.BytesIO(contenu()))
    assert message in refus.value.message


def test_nom_assaini_sans_chemin_ni_controle_et_extension_du_type_reconnu():
    pdf = TYPES["pdf"]
    assert nom_assaini("../../etc/passwd", pdf) == "passwd.pdf"
    assert nom_assaini("C:\\Users\\agent\\Délibération n°12.exe", pdf) == "Délibération n_12.pdf"
    assert nom_assaini('fac<ture>\x00"\u202e.pdf', pdf) == "fac_ture.pdf"
    assert nom_assaini("...", pdf) == "piece-justificative.pdf"
    assert nom_assaini("a" * 300 + ".pdf", pdf) == "a" * 120 + ".pdf"
