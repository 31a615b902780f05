"""Écritures du programme de travail : chaque modification entre dans l'historique commun,
champ par champ, avec son auteur (le membre)."""

from django.db import transaction

from strategie_nr.plateforme.enums import ActionHistorique
from strategie_nr.plateforme.services import differences, historique_enregistrer, instantane

from .models import ActionEngagee, BilanImpact, PartiePrenante


def _enregistrer(objet, *, auteur, donnees: dict):
    champs = list(donnees)
    creation = objet.pk is None
    avant = {} if creation else instantane(objet, champs, natures=_NATURES)
    for champ, valeur in donnees.items():
        setattr(objet, champ, valeur)
    objet.full_clean()
    objet.save()
    historique_enregistrer(
        collectivite=objet.collectivite_id,
        auteur=auteur,
        action=ActionHistorique.CREATION if creation else ActionHistorique.MODIFICATION,
        objet=objet,
        changements=differences(avant, instantane(objet, champs, natures=_NATURES)),
    )
    return objet


def _supprimer(objet, *, auteur) -> None:
    historique_enregistrer(
        collectivite=objet.collectivite_id,
        auteur=auteur,
        action=ActionHistorique.SUPPRESSION,
        objet=objet,
    )
    objet.delete()


# « Engagée depuis » est une année (jamais « 2 021 »).
_NATURES = {"depuis": "annee"}


@transaction.atomic
def partie_prenante_creer(*, collectivite, auteur, donnees: dict) -> PartiePrenante:
    return _enregistrer(PartiePrenante(collectivite=collectivite), auteur=auteur, donnees=donnees)


@transaction.atomic
def partie_prenante_modifier(
    *, partie_prenante: PartiePrenante, auteur, donnees: dict
) -> PartiePrenante:
    return _enregistrer(partie_prenante, auteur=auteur, donnees=donnees)


@transaction.atomic
def partie_prenante_supprimer(*, partie_prenante: PartiePrenante, auteur=None) -> None:
    _supprimer(partie_prenante, auteur=auteur)


@transaction.atomic
def bilan_enregistrer(*, collectivite, auteur, donnees: dict) -> BilanImpact:
    bilan = BilanImpact.objects.select_for_update().filter(collectivite=collectivite).first()
    return _enregistrer(
        bilan or BilanImpact(collectivite=collectivite), auteur=auteur, donnees=donnees
    )


@transaction.atomic
def action_engagee_creer(*, collectivite, auteur, donnees: dict) -> ActionEngagee:
    return _enregistrer(ActionEngagee(collectivite=collectivite), auteur=auteur, donnees=donnees)


@transaction.atomic
def action_engagee_modifier(*, action: ActionEngagee, auteur, donnees: dict) -> ActionEngagee:
    return _enregistrer(action, auteur=auteur, donnees=donnees)


@transaction.atomic
def action_engagee_supprimer(*, action: ActionEngagee, auteur=None) -> None:
    _supprimer(action, auteur=auteur)
