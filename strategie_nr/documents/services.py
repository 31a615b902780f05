"""Écritures : le document officiel d'une version validée, produit une seule fois ; les PDF et
les versions Word demandés depuis les pages, confiés aux processus de tâches."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from strategie_nr.plateforme import formats
from strategie_nr.plateforme.graphiques import sans_numeros
from strategie_nr.travaux.enums import NatureTravail
from strategie_nr.travaux.services import empreinte_de, travail_demander

from .models import DocumentOfficiel
from .rendu import bilan_html, fiche_html, pdf_depuis_html, somme_sha256, strategie_html
from .word import docx_depuis_html


def empreinte_du_html(html: str) -> str:
    """Les graphiques SVG numérotent leurs titres (« matrice-3-titre ») dans l'ordre des rendus
    du processus : ce numéro n'est pas du contenu et ne compte pas dans l'empreinte."""
    return empreinte_de(sans_numeros(html))


def nom_de_fichier(collectivite, quoi: str, extension: str = "pdf") -> str:
    return f"{quoi}-{slugify(collectivite.nom)}.{extension}"


def document_officiel_generer(*, version) -> DocumentOfficiel:
    """Rend et enregistre le PDF d'une version validée ; ne le refait jamais s'il existe.

    Le rendu (plusieurs secondes) se fait hors de toute transaction ; seul l'enregistrement en
    ouvre une, courte. Deux rendus simultanés de la même version n'en gardent qu'un.
    """
    existant = DocumentOfficiel.objects.filter(version=version).first()
    if existant is not None:
        return existant
    if not version.est_validee:
        raise ValueError("Seule une version validée a un document officiel.")
    collectivite = version.feuille_de_route.collectivite
    html = strategie_html(collectivite=collectivite, version=version)
    contenu = pdf_depuis_html(html)
    document = DocumentOfficiel(
        collectivite=collectivite,
        version=version,
        contenu=contenu,
        somme_controle=somme_sha256(contenu),
        taille=len(contenu),
        source_html=html,
    )
    document.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        return DocumentOfficiel.objects.get(version=version)
    return document


def document_officiel_demander(*, version, demandeur=None):
    """Le travail qui produit le document officiel d'une version validée (un seul par version)."""
    return travail_demander(
        collectivite=version.feuille_de_route.collectivite,
        demandeur=demandeur,
        nature=NatureTravail.DOCUMENT_OFFICIEL,
        libelle=f"Stratégie {version.libelle} — document officiel",
        empreinte=empreinte_de("document-officiel", str(version.pk)),
        parametres={"version": version.pk},
    )


def _document_demander(
    *, collectivite, demandeur, nature: str, libelle: str, html: str, quoi: str, extension="pdf"
):
    """Le HTML est rendu ici (quelques dizaines de millisecondes), le PDF ou le document Word
    par un processus de tâches. L'empreinte du HTML est la clé : tant que rien ne change, le
    fichier déjà produit sert de nouveau, tout de suite."""
    return travail_demander(
        collectivite=collectivite,
        demandeur=demandeur,
        nature=nature,
        libelle=libelle,
        empreinte=empreinte_du_html(html),
        parametres={"nom": nom_de_fichier(collectivite, quoi, extension)},
        source=html,
    )


def strategie_demander(*, collectivite, version, demandeur, word: bool = False):
    """Le projet de stratégie (version non validée), en PDF ou en Word (`word`)."""
    projet = f"Stratégie {version.libelle} (projet" if version else "Stratégie (projet"
    return _document_demander(
        collectivite=collectivite,
        demandeur=demandeur,
        nature=NatureTravail.STRATEGIE_WORD if word else NatureTravail.STRATEGIE_PDF,
        libelle=projet + (", Word)" if word else ")"),
        html=strategie_html(collectivite=collectivite, version=version),
        quoi=f"strategie-{version.libelle}-projet" if version else "strategie-projet",
        extension="docx" if word else "pdf",
    )


def bilan_demander(*, collectivite, version, annee: int, demandeur, word: bool = False):
    """Le bilan de l'année, en PDF ou en Word (`word`)."""
    return _document_demander(
        collectivite=collectivite,
        demandeur=demandeur,
        nature=NatureTravail.BILAN_WORD if word else NatureTravail.BILAN_PDF,
        libelle=f"Bilan {annee}" + (" (Word)" if word else ""),
        html=bilan_html(collectivite=collectivite, version=version, annee=annee),
        quoi=f"bilan-{annee}",
        extension="docx" if word else "pdf",
    )


def fiche_demander(*, collectivite, version, fiche: dict, demandeur):
    """Une fiche action sur une page (`fiche` : la fiche lue, comme sur sa page)."""
    return _document_demander(
        collectivite=collectivite,
        demandeur=demandeur,
        nature=NatureTravail.FICHE_PDF,
        libelle=f"Fiche action — {fiche['titre']}",
        html=fiche_html(collectivite=collectivite, version=version, fiche=fiche),
        quoi=f"fiche-{slugify(fiche['titre'])[:60]}",
    )


def document_officiel_word_demander(*, version, demandeur=None):
    """La version Word du document officiel d'une version validée : écrite par un processus de
    tâches depuis le HTML figé du document officiel (produit d'abord s'il manque)."""
    collectivite = version.feuille_de_route.collectivite
    return travail_demander(
        collectivite=collectivite,
        demandeur=demandeur,
        nature=NatureTravail.STRATEGIE_WORD,
        libelle=f"Stratégie {version.libelle} — document officiel (Word)",
        empreinte=empreinte_de("document-officiel-word", str(version.pk)),
        parametres={
            "version": version.pk,
            "nom": nom_de_fichier(collectivite, f"strategie-{version.libelle}", "docx"),
        },
    )


def html_du_document_officiel(*, version) -> tuple[str, str]:
    """(HTML, mention de garde) de la version Word d'une version validée.

    Le HTML est celui dont le PDF officiel a été rendu : mêmes chiffres, même instant, même
    après d'autres saisies. Un document officiel produit avant les versions Word n'a pas gardé
    son HTML : la stratégie est alors rendue à nouveau (les fiches restent celles de
    l'instantané de la version validée ; les autres chiffres sont ceux du jour), et la mention
    de la page de garde le dit. Dans les deux cas, seul le PDF officiel fait foi.
    """
    document = document_officiel_generer(version=version)
    foi = (
        f"Seul le PDF officiel fait foi (empreinte du fichier, SHA-256 : "
        f"{document.somme_controle})."
    )
    if document.source_html:
        return document.source_html, (
            f"Version Word du document officiel de la version {version.libelle}, au même "
            f"contenu. {foi}"
        )
    aujourdhui = timezone.localdate()
    html = strategie_html(
        collectivite=version.feuille_de_route.collectivite, version=version, aujourdhui=aujourdhui
    )
    le_jour = formats.date_longue(aujourdhui)
    return html, (
        f"Version Word établie le {le_jour} d'après la version validée "
        f"{version.libelle} : son document officiel a été produit avant les versions Word. Les "
        f"fiches actions sont celles de la version validée ; les autres chiffres sont ceux du "
        f"{le_jour} et peuvent différer du PDF officiel. {foi}"
    )


def document_strategie_word(*, collectivite, version) -> tuple[bytes, bool]:
    """(octets DOCX, officiel) : la version Word du document officiel d'une version validée
    (même contenu figé), sinon celle d'un projet rendu à la demande (commande)."""
    if version is not None and version.est_validee:
        html, mention = html_du_document_officiel(version=version)
        return docx_depuis_html(html, mention=mention), True
    return docx_depuis_html(strategie_html(collectivite=collectivite, version=version)), False


def document_strategie(*, collectivite, version) -> tuple[bytes, bool]:
    """(octets, officiel) : le PDF enregistré d'une version validée, sinon un rendu immédiat
    (commande `generer_strategie`, hors de toute requête).

    Une version validée sans document (validée avant que les documents n'existent) reçoit le
    sien maintenant, une fois pour toutes.
    """
    if version is not None and version.est_validee:
        return bytes(document_officiel_generer(version=version).contenu), True
    return pdf_depuis_html(strategie_html(collectivite=collectivite, version=version)), False
