"""Lectures : documents disponibles pour une collectivité, version à imprimer."""

from django.utils import timezone

from strategie_nr.fiches.models import VersionFeuilleDeRoute
from strategie_nr.fiches.selectors import version_courante
from strategie_nr.travaux.enums import NatureTravail, StatutTravail
from strategie_nr.travaux.models import Travail

from .models import DocumentOfficiel


def versions_de(collectivite):
    return (
        VersionFeuilleDeRoute.objects.for_collectivite(collectivite)
        .select_related("feuille_de_route__collectivite", "validee_par__utilisateur")
        .order_by("-numero")
    )


def version_a_imprimer(collectivite, numero: int | None = None):
    """La version demandée, sinon la version courante (None s'il n'y en a pas)."""
    if numero is None:
        return version_courante(collectivite)
    return versions_de(collectivite).filter(numero=numero).first()


def version_du_bilan(collectivite):
    """Le bilan suit la dernière version validée, à défaut la version de travail."""
    validee = versions_de(collectivite).validees().first()
    return validee or version_courante(collectivite)


def documents_officiels(collectivite) -> dict[int, DocumentOfficiel]:
    """Version (pk) → document officiel, sans charger les octets des PDF ni leur HTML."""
    return {
        d.version_id: d
        for d in DocumentOfficiel.objects.for_collectivite(collectivite).defer(
            "contenu", "source_html"
        )
    }


PREMIERE_ANNEE_DE_BILAN = 2025  # le premier bilan annuel prévu par l'art. L. 2311-1-1 CGCT


def annees_de_bilan(aujourdhui=None) -> list[int]:
    """Années dont on peut produire le bilan, la plus récente d'abord."""
    annee = (aujourdhui or timezone.localdate()).year
    return list(range(max(annee, PREMIERE_ANNEE_DE_BILAN), PREMIERE_ANNEE_DE_BILAN - 1, -1))


def preparations_en_cours(collectivite) -> dict:
    """Version (pk) → travail qui prépare son document officiel (en cours ou échoué)."""
    travaux = (
        Travail.objects.for_collectivite(collectivite)
        .filter(nature=NatureTravail.DOCUMENT_OFFICIEL)
        .exclude(statut=StatutTravail.TERMINE)
        .defer("contenu", "source")
        .order_by("cree_le")
    )
    return {t.parametres.get("version"): t for t in travaux}
