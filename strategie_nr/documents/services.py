"""Écritures : le document officiel d'une version validée, produit une seule fois."""

from django.db import transaction

from .models import DocumentOfficiel
from .rendu import pdf_depuis_html, somme_sha256, strategie_html


@transaction.atomic
def document_officiel_generer(*, version) -> DocumentOfficiel:
    """Rend et enregistre le PDF d'une version validée ; ne le refait jamais s'il existe."""
    existant = DocumentOfficiel.objects.filter(version=version).first()
    if existant is not None:
        return existant
    if not version.est_validee:
        raise ValueError("Seule une version validée a un document officiel.")
    collectivite = version.feuille_de_route.collectivite
    contenu = pdf_depuis_html(strategie_html(collectivite=collectivite, version=version))
    document = DocumentOfficiel(
        collectivite=collectivite,
        version=version,
        contenu=contenu,
        somme_controle=somme_sha256(contenu),
        taille=len(contenu),
    )
    document.full_clean()
    document.save()
    return document


def document_strategie(*, collectivite, version) -> tuple[bytes, bool]:
    """(octets, officiel) : le PDF enregistré d'une version validée, sinon un rendu à la demande.

    Une version validée sans document (validée avant que les documents n'existent) reçoit le
    sien maintenant, une fois pour toutes.
    """
    if version is not None and version.est_validee:
        return bytes(document_officiel_generer(version=version).contenu), True
    return pdf_depuis_html(strategie_html(collectivite=collectivite, version=version)), False
