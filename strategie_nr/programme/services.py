"""Écritures du programme de travail : chaque modification garde son auteur."""

from django.db import transaction

from .models import ActionEngagee, BilanImpact, PartiePrenante


def _enregistrer(objet, *, auteur, donnees: dict):
    for champ, valeur in donnees.items():
        setattr(objet, champ, valeur)
    objet.modifie_par = auteur
    objet.full_clean()
    objet.save()
    return objet


@transaction.atomic
def partie_prenante_creer(*, collectivite, auteur, donnees: dict) -> PartiePrenante:
    return _enregistrer(PartiePrenante(collectivite=collectivite), auteur=auteur, donnees=donnees)


@transaction.atomic
def partie_prenante_modifier(
    *, partie_prenante: PartiePrenante, auteur, donnees: dict
) -> PartiePrenante:
    return _enregistrer(partie_prenante, auteur=auteur, donnees=donnees)


@transaction.atomic
def partie_prenante_supprimer(*, partie_prenante: PartiePrenante) -> None:
    partie_prenante.delete()


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
def action_engagee_supprimer(*, action: ActionEngagee) -> None:
    action.delete()
