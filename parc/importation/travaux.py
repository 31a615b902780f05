"""La confirmation d'un gros import, faite par un processus de tâches (enregistré dans
`ImportationParcConfig.ready`). Le service d'import est appelé tel quel : tout ou rien."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from collectivites.perms import peut_contribuer
from strategie_nr.travaux.enums import NatureTravail
from strategie_nr.travaux.registre import Executant, Resultat, executant_enregistrer
from strategie_nr.travaux.services import empreinte_de, travail_demander

from . import services
from .models import ImportEnAttente

MESSAGE_LIGNES_EN_ERREUR = (
    "Rien n'a été importé : le fichier contient des lignes en erreur. Revenez à l'aperçu pour "
    "les voir, corrigez-les et déposez le fichier de nouveau, ou cochez « Importer seulement les "
    "lignes valides »."
)


def import_confirmation_demander(*, en_attente, demandeur, auteur, seulement_valides: bool):
    """Une seule confirmation par fichier déposé et par choix, même après un double clic."""
    return travail_demander(
        collectivite=en_attente.collectivite,
        demandeur=demandeur,
        nature=NatureTravail.IMPORT_PARC,
        libelle=f"Import de {en_attente.nom_fichier}",
        empreinte=empreinte_de("import", str(en_attente.pk), str(seulement_valides)),
        parametres={
            "import": en_attente.pk,
            "auteur": auteur.pk,
            "seulement_valides": seulement_valides,
        },
    )


def _confirmer(travail) -> Resultat:
    en_attente = (
        ImportEnAttente.objects.for_collectivite(travail.collectivite)
        .valides()
        .filter(pk=travail.parametres["import"])
        .first()
    )
    if en_attente is None:
        raise ValidationError(
            "Le fichier déposé n'est plus disponible (il est gardé 24 heures) : déposez-le de "
            "nouveau."
        )
    auteur = get_user_model().objects.get(pk=travail.parametres["auteur"])
    try:
        resultat = services.import_en_attente_confirmer(
            import_en_attente=en_attente,
            auteur=auteur,
            seulement_valides=travail.parametres["seulement_valides"],
        )
    except services.ImportDejaConfirme as deja:
        return Resultat(lien=reverse("parc:index"), message=deja.message)
    if not resultat.enregistre:
        raise ValidationError(MESSAGE_LIGNES_EN_ERREUR)
    return Resultat(lien=reverse("parc:index"), message=resultat.resume())


def enregistrer() -> None:
    executant_enregistrer(Executant(NatureTravail.IMPORT_PARC, _confirmer, peut_contribuer))
