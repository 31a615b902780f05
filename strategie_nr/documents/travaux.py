"""Ce que les documents produisent en arrière-plan (enregistré dans `DocumentsConfig.ready`)."""

from django.urls import reverse

from strategie_nr.fiches.models import VersionFeuilleDeRoute
from strategie_nr.travaux.enums import NatureTravail
from strategie_nr.travaux.registre import Executant, Resultat, executant_enregistrer

from .rendu import pdf_depuis_html
from .services import document_officiel_generer, html_du_document_officiel
from .word import TYPE_DOCX, docx_depuis_html

PDF = "application/pdf"


def _version_validee(travail):
    return VersionFeuilleDeRoute.objects.select_related("feuille_de_route__collectivite").get(
        pk=travail.parametres["version"], feuille_de_route__collectivite=travail.collectivite
    )


def _pdf_du_html(travail) -> Resultat:
    """Le PDF du HTML rendu au moment de la demande : celui dont l'empreinte est la clé."""
    return Resultat(
        contenu=pdf_depuis_html(travail.source),
        nom_fichier=travail.parametres["nom"],
        type_contenu=PDF,
    )


def _word(travail) -> Resultat:
    """Le document Word du HTML rendu au moment de la demande ; pour une version validée, du
    HTML figé de son document officiel."""
    if "version" in travail.parametres:
        html, mention = html_du_document_officiel(version=_version_validee(travail))
    else:
        html, mention = travail.source, ""
    return Resultat(
        contenu=docx_depuis_html(html, mention=mention),
        nom_fichier=travail.parametres["nom"],
        type_contenu=TYPE_DOCX,
    )


def _document_officiel(travail) -> Resultat:
    version = _version_validee(travail)
    document = document_officiel_generer(version=version)
    return Resultat(
        lien=reverse("documents:version", kwargs={"pk": version.pk}),
        message=(
            f"Le document officiel de la version {version.libelle} est enregistré "
            f"(somme de contrôle SHA-256 : {document.somme_controle})."
        ),
    )


def enregistrer() -> None:
    executant_enregistrer(Executant(NatureTravail.STRATEGIE_PDF, _pdf_du_html))
    executant_enregistrer(Executant(NatureTravail.BILAN_PDF, _pdf_du_html))
    executant_enregistrer(Executant(NatureTravail.FICHE_PDF, _pdf_du_html))
    executant_enregistrer(Executant(NatureTravail.STRATEGIE_WORD, _word))
    executant_enregistrer(Executant(NatureTravail.BILAN_WORD, _word))
    executant_enregistrer(Executant(NatureTravail.DOCUMENT_OFFICIEL, _document_officiel))
