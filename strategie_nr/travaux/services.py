"""Écritures : demander un travail (une seule fois pour un même contenu)."""

import datetime
import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from .enums import StatutTravail
from .models import Travail
from .registre import executant_de
from .taches import travail_planifier


def empreinte_de(*parties: str | bytes) -> str:
    """Empreinte SHA-256 du contenu demandé : la clé sous laquelle son résultat est gardé."""
    somme = hashlib.sha256()
    for partie in parties:
        somme.update(partie if isinstance(partie, bytes) else partie.encode())
        somme.update(b"\0")
    return somme.hexdigest()


def travail_demander(
    *,
    collectivite,
    demandeur,
    nature: str,
    libelle: str,
    empreinte: str = "",
    parametres: dict | None = None,
    source: str = "",
) -> Travail:
    """Le travail qui produit ce contenu : celui qui existe déjà (prêt ou en cours) pour la même
    empreinte, sinon un nouveau, confié aux processus de tâches une fois la transaction validée.

    Deux demandes simultanées du même contenu (un double clic) donnent un seul travail : la
    contrainte d'unicité de la base tranche.
    """
    executant_de(nature)  # une nature sans exécutant est une erreur de programmation
    if empreinte:
        existant = (
            Travail.objects.for_collectivite(collectivite)
            .vivants()
            .filter(nature=nature, empreinte=empreinte)
            .first()
        )
        if existant is not None:
            return existant
    travail = Travail(
        collectivite=collectivite,
        demandeur=demandeur,
        nature=nature,
        libelle=libelle[:200],
        empreinte=empreinte,
        parametres=parametres or {},
        source=source,
    )
    travail.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            travail.save()
            travail_planifier(travail)
    except IntegrityError:
        return (
            Travail.objects.for_collectivite(collectivite)
            .vivants()
            .get(nature=nature, empreinte=empreinte)
        )
    return travail


@transaction.atomic
def travaux_purger(*, jours: int) -> int:
    """Efface les travaux terminés ou échoués depuis plus de `jours` jours (et les fichiers
    qu'ils gardaient) ; un travail en attente ou en cours n'est jamais effacé."""
    limite = timezone.now() - datetime.timedelta(days=jours)
    nombre, _ = Travail.objects.filter(
        statut__in=[StatutTravail.TERMINE, StatutTravail.ECHOUE], termine_le__lt=limite
    ).delete()
    return nombre
