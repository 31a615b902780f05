"""Rendu des documents : HTML d'impression (gabarits) puis PDF balisé (WeasyPrint, PDF/UA-1)."""

import datetime
import hashlib
import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
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


# Adresse de base fictive des documents : `/static/…` s'y résout, et rien d'autre n'est lu.
BASE_DES_DOCUMENTS = "https://documents.invalid/"


def ressource_autorisee(url: str) -> tuple[bytes, str] | None:
    """(octets, type) d'une ressource qu'un document peut charger : un URI `data:` (lu par
    WeasyPrint lui-même, None ici) ou un fichier statique de l'application. Toute autre adresse
    (`file:`, `http:`, `ftp:`, un fichier hors des statiques…) lève ValueError."""
    if url.startswith("data:"):
        return None
    prefixe = BASE_DES_DOCUMENTS.rstrip("/") + settings.STATIC_URL
    if url.startswith(prefixe):
        chemin = unquote(url[len(prefixe) :].split("?")[0].split("#")[0])
        morceaux = PurePosixPath(chemin).parts
        if chemin and ".." not in morceaux and not chemin.startswith("/"):
            trouve = finders.find(chemin)
            if trouve is None and settings.STATIC_ROOT:
                candidat = Path(settings.STATIC_ROOT) / chemin
                trouve = str(candidat) if candidat.is_file() else None
            if trouve:
                type_ = mimetypes.guess_type(chemin)[0] or "application/octet-stream"
                return Path(trouve).read_bytes(), type_
    raise ValueError(f"Ressource refusée dans un document : {url[:200]}")


def _recuperateur():
    # Import tardif : WeasyPrint est lourd à charger, seuls les processus qui rendent un PDF
    # en ont besoin.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class RecuperateurDesDocuments(URLFetcher):
        """Seuls les URI `data:` et les fichiers statiques de l'application : jamais de `file:`,
        `http:`, `ftp:`, quoi que contienne un gabarit ou une donnée saisie."""

        def __init__(self):
            super().__init__(allowed_protocols=["data"], allow_redirects=False)

        def fetch(self, url, headers=None):
            ressource = ressource_autorisee(url)
            if ressource is None:
                return super().fetch(url, headers)
            contenu, type_ = ressource
            return URLFetcherResponse(url, contenu, {"Content-Type": type_})

    return RecuperateurDesDocuments()


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


def pdf_depuis_html(html: str) -> bytes:
    """PDF balisé (PDF/UA-1) : titre et langue viennent du `<title>` et du `lang` du HTML."""
    from weasyprint import HTML  # import tardif : WeasyPrint est lourd à charger

    document = HTML(string=html, base_url=BASE_DES_DOCUMENTS, url_fetcher=_recuperateur())
    return document.write_pdf(pdf_variant=VARIANTE_PDF)


def somme_sha256(contenu: bytes) -> str:
    return hashlib.sha256(contenu).hexdigest()
