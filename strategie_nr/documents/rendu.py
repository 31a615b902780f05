"""Rendu des documents : HTML d'impression (gabarits) puis PDF balisé (WeasyPrint, PDF/UA-1)."""

import datetime
import hashlib

from django.template.loader import render_to_string
from django.utils import timezone

from strategie_nr.fiches.selectors import fiches_lues

from .sections import BILAN, STRATEGIE, Source

VARIANTE_PDF = "pdf/ua-1"


def _sections(registre, source: Source) -> list[dict]:
    return [
        {
            "cle": section.cle,
            "titre": section.titre,
            "gabarit": section.gabarit,
            "numero": rang,
            **section.contexte(source),
        }
        for rang, section in enumerate(registre, start=1)
    ]


def periode(fiches: list[dict]) -> tuple[int, int] | None:
    if not fiches:
        return None
    return min(f["debut"].year for f in fiches), max(f["fin"].year for f in fiches)


def strategie_html(*, collectivite, version, aujourdhui: datetime.date | None = None) -> str:
    """Le document de la stratégie pour cette version (None : aucune feuille de route)."""
    aujourdhui = aujourdhui or timezone.localdate()
    source = Source(
        collectivite=collectivite,
        version=version,
        fiches=fiches_lues(version, aujourdhui),
        aujourdhui=aujourdhui,
    )
    validee = bool(version and version.est_validee)
    return render_to_string(
        "strategie_nr/documents/strategie.html",
        {
            "collectivite": collectivite,
            "version": version,
            "validee": validee,
            "periode": periode(source.fiches),
            "sections": _sections(STRATEGIE, source),
            "titre_document": f"Stratégie numérique responsable — {collectivite.nom}",
            "aujourdhui": aujourdhui,
        },
    )


def bilan_html(*, collectivite, version, annee: int, aujourdhui=None) -> str:
    aujourdhui = aujourdhui or timezone.localdate()
    source = Source(
        collectivite=collectivite,
        version=version,
        fiches=fiches_lues(version, aujourdhui),
        aujourdhui=aujourdhui,
        annee=annee,
    )
    return render_to_string(
        "strategie_nr/documents/bilan.html",
        {
            "collectivite": collectivite,
            "version": version,
            "annee": annee,
            "sections": _sections(BILAN, source),
            "titre_document": (
                f"Bilan {annee} de la stratégie numérique responsable — {collectivite.nom}"
            ),
            "aujourdhui": aujourdhui,
        },
    )


def fiche_html(*, collectivite, version, fiche: dict, aujourdhui=None) -> str:
    """Une fiche action sur une page, à imprimer ou à joindre (mêmes données que sa page)."""
    return render_to_string(
        "strategie_nr/documents/fiche.html",
        {
            "collectivite": collectivite,
            "version": version,
            "fiche": fiche,
            "titre_document": f"Fiche action — {fiche['titre']}",
            "aujourdhui": aujourdhui or timezone.localdate(),
        },
    )


def fiche_pdf(*, collectivite, version, fiche: dict) -> bytes:
    """Le PDF d'une page d'une fiche : le seul point d'entrée, pour pouvoir le produire
    ailleurs qu'en requête sans rien changer d'autre."""
    return pdf_depuis_html(fiche_html(collectivite=collectivite, version=version, fiche=fiche))


def pdf_depuis_html(html: str) -> bytes:
    """PDF balisé (PDF/UA-1) : titre et langue viennent du `<title>` et du `lang` du HTML."""
    from weasyprint import HTML  # import tardif : WeasyPrint est lourd à charger

    return HTML(string=html).write_pdf(pdf_variant=VARIANTE_PDF)


def somme_sha256(contenu: bytes) -> str:
    return hashlib.sha256(contenu).hexdigest()
