"""Écritures : changer ce que la collectivité publie."""

from django.db import transaction
from django.utils import timezone

from strategie_nr.plateforme.enums import ActionHistorique
from strategie_nr.plateforme.services import differences, historique_enregistrer, instantane

from .enums import Choix
from .models import Publication


@transaction.atomic
def publication_modifier(
    *,
    collectivite,
    par,
    indicateurs: bool,
    strategie: bool,
    declaration_agec: bool,
) -> Publication:
    """Enregistre les choix de publication : chaque choix qui change reçoit sa date (ou la perd
    s'il est retiré) ; l'historique commun garde qui a publié ou retiré quoi, et quand ; sans
    changement, rien n'est écrit.

    Changer un choix change `modifiee_le`, qui fait partie de la clé des réponses en cache :
    un choix retiré n'est plus servi, même depuis le cache, dès la requête suivante.
    """
    publication, _ = Publication.objects.select_for_update().get_or_create(
        collectivite=collectivite
    )
    voulus = {
        Choix.INDICATEURS: bool(indicateurs),
        Choix.STRATEGIE: bool(strategie),
        Choix.DECLARATION_AGEC: bool(declaration_agec),
    }
    maintenant = timezone.now()
    avant = instantane(publication, Choix.values)
    for choix, publie in voulus.items():
        if getattr(publication, choix) == publie:
            continue
        setattr(publication, choix, publie)
        setattr(publication, f"{choix}_depuis", maintenant if publie else None)
    changements = differences(avant, instantane(publication, Choix.values))
    if not changements:
        return publication
    publication.modifiee_le = maintenant
    publication.modifiee_par = par
    publication.full_clean()
    publication.save()
    historique_enregistrer(
        collectivite=collectivite,
        auteur=par,
        action=ActionHistorique.MODIFICATION,
        objet=publication,
        changements=changements,
    )
    return publication
