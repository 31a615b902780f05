"""Écritures de la comparaison : participation d'une collectivité, publication des chiffres."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from collectivites.models import Collectivite
from indicateurs.selectors import derniere_annee_close
from strategie_nr.plateforme.enums import ActionHistorique
from strategie_nr.plateforme.services import differences, historique_enregistrer, instantane

from . import chiffres as chiffres_
from .enums import strate_de
from .models import Contribution, Publication, Statistique
from .statistiques import cles_de_groupes, groupes_publiables, quartiles

SIX_DECIMALES = Decimal("0.000001")


@transaction.atomic
def participation_comparaison_modifier(
    *, collectivite: Collectivite, participe: bool, auteur=None
) -> None:
    """Choix du référent, gardé dans l'historique commun ; il prend effet à la prochaine
    publication (`comparaison_publier`)."""
    avant = instantane(collectivite, ["participe_comparaison"])
    collectivite.participe_comparaison = participe
    collectivite.full_clean()
    collectivite.save(update_fields=["participe_comparaison"])
    historique_enregistrer(
        collectivite=collectivite,
        auteur=auteur,
        action=ActionHistorique.MODIFICATION,
        objet=collectivite,
        changements=differences(avant, instantane(collectivite, ["participe_comparaison"])),
    )


def _rang(cle: tuple[str, str]) -> int:
    nature, strate = cle
    return bool(nature) + 2 * bool(strate)


def _statistiques(publication, contributions, participantes) -> list[Statistique]:
    """Médiane et quartiles de chaque chiffre dans chaque groupe publiable."""
    par_code: dict = {}
    for contribution in contributions:
        par_code.setdefault(contribution.code, {})[contribution.collectivite_id] = (
            contribution.valeur
        )
    statistiques = []
    for code, valeurs in par_code.items():
        groupes: dict = {}
        for pk in valeurs:
            nature, strate = participantes[pk]
            for cle in cles_de_groupes(nature, strate):
                groupes.setdefault(cle, set()).add(pk)
        # Ordre fixe, le même pour toutes les collectivités : toutes, puis par nature, par
        # strate, puis nature et strate.
        ordonnes = dict(sorted(groupes.items(), key=lambda e: (_rang(e[0]), e[0])))
        for nature, strate in groupes_publiables(ordonnes):
            membres = groupes[(nature, strate)]
            q1, mediane, q3 = quartiles(valeurs[pk] for pk in membres)
            statistiques.append(
                Statistique(
                    publication=publication,
                    code=code,
                    nature=nature,
                    strate=strate,
                    effectif=len(membres),
                    premier_quartile=q1,
                    mediane=mediane,
                    troisieme_quartile=q3,
                )
            )
    return statistiques


@transaction.atomic
def comparaison_publier(*, aujourdhui: datetime.date | None = None) -> Publication:
    """Arrête les chiffres de toutes les collectivités participantes, et les médianes et
    quartiles de leurs groupes ; remplace la publication précédente.

    Chaque chiffre vient de sa fonction de calcul (`chiffres.valeurs_de`), collectivité par
    collectivité : c'est le travail d'une commande planifiée chaque nuit
    (`manage.py publier_comparaison`), jamais d'une page. Une collectivité qui a rejoint ou
    quitté la comparaison y entre ou en sort ici, en même temps que toutes les autres
    évolutions de la journée."""
    annee = derniere_annee_close(aujourdhui)
    participantes = {}
    valeurs = []
    for collectivite in Collectivite.objects.filter(participe_comparaison=True).order_by("pk"):
        participantes[collectivite.pk] = (collectivite.nature, strate_de(collectivite.population))
        valeurs.extend(
            (collectivite.pk, v) for v in chiffres_.valeurs_de(collectivite, annee=annee)
        )
    Publication.objects.all().delete()
    publication = Publication.objects.create(publiee_le=timezone.now(), annee=annee)
    contributions = Contribution.objects.bulk_create(
        Contribution(
            publication=publication,
            collectivite_id=pk,
            code=v.code,
            annee=v.annee,
            valeur=v.valeur.quantize(SIX_DECIMALES),
            origine=v.origine,
            precision=v.precision,
        )
        for pk, v in valeurs
    )
    Statistique.objects.bulk_create(_statistiques(publication, contributions, participantes))
    return publication
