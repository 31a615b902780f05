"""Pièces de démonstration (appelé par `strategie_nr.demo.demo_charger`) : la délibération et
le compte rendu du COPIL de la version validée de la commune, et un compte rendu d'atelier
joint au programme de travail. Des PDF d'une page, fabriqués ici."""

import uuid

from django.core.files.base import ContentFile

from .enums import NaturePiece
from .services import piece_ajouter

ESPACE = uuid.UUID("6f1d1c2e-8a57-4a43-9a51-5a3f0c1e9b11")


def pdf_une_page(titre: str, lignes: list[str]) -> bytes:
    """Un PDF minimal et valide : une page A4, du texte en Helvetica (accents en WinAnsi)."""

    def texte(valeur: str) -> bytes:
        brut = valeur.encode("cp1252", "replace")
        return brut.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    flux = b"BT /F1 16 Tf 56 780 Td (" + texte(titre) + b") Tj /F1 11 Tf"
    for ligne in lignes:
        flux += b" 0 -22 Td (" + texte(ligne) + b") Tj"
    flux += b" ET"
    objets = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(flux)).encode() + b" >>\nstream\n" + flux + b"\nendstream",
    ]
    sortie = b"%PDF-1.4\n"
    positions = []
    for numero, objet in enumerate(objets, start=1):
        positions.append(len(sortie))
        sortie += str(numero).encode() + b" 0 obj\n" + objet + b"\nendobj\n"
    debut_xref = len(sortie)
    sortie += b"xref\n0 " + str(len(objets) + 1).encode() + b"\n0000000000 65535 f \n"
    for position in positions:
        sortie += f"{position:010d} 00000 n \n".encode()
    sortie += (
        b"trailer\n<< /Size "
        + str(len(objets) + 1).encode()
        + b" /Root 1 0 R >>\nstartxref\n"
        + str(debut_xref).encode()
        + b"\n%%EOF\n"
    )
    return sortie


def _joindre(contexte, cle: str, nom: str, nature: str, titre: str, lignes, **cible) -> None:
    commune = contexte["commune"]
    fichier = ContentFile(pdf_une_page(titre, lignes), name=nom)
    piece_ajouter(
        collectivite=commune,
        auteur=contexte["membres"]["referent@demo.test"],
        fichier=fichier,
        nature=nature,
        jeton=uuid.uuid5(ESPACE, f"{commune.code_officiel}:{cle}"),
        **cible,
    )


def charger(contexte: dict) -> None:
    """Idempotent : chaque pièce a un jeton fixe, un second passage ne crée rien."""
    commune = contexte["commune"]
    _joindre(
        contexte,
        "programme-atelier",
        "Compte rendu atelier de lancement.pdf",
        NaturePiece.AUTRE,
        f"{commune} : atelier des parties prenantes",
        ["Compte rendu de l'atelier de lancement du programme de travail (démonstration)."],
        description="Atelier avec les acteurs du territoire (réparateurs, ESS, éco-organismes)",
    )
    version = contexte.get("version_validee_demo")
    if version is None:
        return
    date = version.date_copil.strftime("%d/%m/%Y")
    _joindre(
        contexte,
        "v1-deliberation",
        "Délibération stratégie numérique responsable.pdf",
        NaturePiece.DELIBERATION,
        f"{commune} : délibération du conseil municipal",
        [
            "Le conseil municipal adopte la stratégie numérique responsable",
            f"(feuille de route {version.libelle}, validée en COPIL le {date}).",
            "Document de démonstration.",
        ],
        version=version,
    )
    _joindre(
        contexte,
        "v1-copil",
        f"Compte rendu COPIL {date.replace('/', '-')}.pdf",
        NaturePiece.COPIL,
        f"{commune} : compte rendu du COPIL du {date}",
        ["Validation de la feuille de route et de ses fiches actions (démonstration)."],
        version=version,
    )
