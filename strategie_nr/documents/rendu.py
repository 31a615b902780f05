"""Rendu des documents : HTML d'impression (gabarits) puis PDF balisé (WeasyPrint, PDF/UA-1)."""

import datetime
import hashlib

from django.template.loader import render_to_string
from django.utils import timezone

from strategie_nr.fiches.selectors import fiches_lues

from .sections import BILAN, STRATEGIE, Source
from .synthese import synthese_elus

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
            "synthese": synthese_elus(
                collectivite=collectivite,
                fiches=source.fiches,
                aujourdhui=aujourdhui,
                axes=source.axes(),
            ),
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
            "provisoire": source.provisoire,
            "sections": _sections(BILAN, source),
            "titre_document": (
                f"Bilan {annee}{' (provisoire)' if source.provisoire else ''} de la stratégie "
                f"numérique responsable — {collectivite.nom}"
            ),
            "aujourdhui": aujourdhui,
        },
    )


def pdf_depuis_html(html: str) -> bytes:
    """PDF balisé (PDF/UA-1) : titre et langue viennent du `<title>` et du `lang` du HTML."""
    from weasyprint import HTML  # import tardif : WeasyPrint est lourd à charger

    return HTML(string=html).write_pdf(pdf_variant=VARIANTE_PDF)


def somme_sha256(contenu: bytes) -> str:
    return hashlib.sha256(contenu).hexdigest()
