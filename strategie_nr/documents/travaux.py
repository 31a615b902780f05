"""Ce que les documents produisent en arrière-plan (enregistré dans `DocumentsConfig.ready`)."""

from django.urls import reverse

from strategie_nr.fiches.models import VersionFeuilleDeRoute
from strategie_nr.travaux.enums import NatureTravail
from strategie_nr.travaux.registre import Executant, Resultat, executant_enregistrer

from .rendu import pdf_depuis_html
from .services import document_officiel_generer

PDF = "application/pdf"


def _pdf_du_html(travail) -> Resultat:
    """Le PDF du HTML rendu au moment de la demande : celui dont l'empreinte est la clé."""
    return Resultat(
        contenu=pdf_depuis_html(travail.source),
        nom_fichier=travail.parametres["nom"],
        type_contenu=PDF,
    )


def _document_officiel(travail) -> Resultat:
    version = VersionFeuilleDeRoute.objects.select_related("feuille_de_route__collectivite").get(
        pk=travail.parametres["version"], feuille_de_route__collectivite=travail.collectivite
    )
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
    executant_enregistrer(Executant(NatureTravail.DOCUMENT_OFFICIEL, _document_officiel))
