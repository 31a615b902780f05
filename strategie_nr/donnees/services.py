"""Écritures : changer ce que la collectivité publie."""

from django.db import transaction
from django.utils import timezone

from .enums import Choix
from .models import ChangementPublication, Publication


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
    s'il est retiré) et une ligne d'historique ; sans changement, rien n'est écrit.

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
    changements = []
    for choix, publie in voulus.items():
        if getattr(publication, choix) == publie:
            continue
        setattr(publication, choix, publie)
        setattr(publication, f"{choix}_depuis", maintenant if publie else None)
        changements.append(
            ChangementPublication(
                collectivite=collectivite, choix=choix, publie=publie, le=maintenant, par=par
            )
        )
    if not changements:
        return publication
    publication.modifiee_le = maintenant
    publication.modifiee_par = par
    publication.full_clean()
    publication.save()
    for changement in changements:
        changement.full_clean()
    ChangementPublication.objects.bulk_create(changements)
    return publication
