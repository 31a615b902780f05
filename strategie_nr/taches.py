"""« Mes tâches » : ce que chaque personne a à faire, rassemblé depuis chaque domaine.

Chaque domaine déclare, depuis le `ready()` de son application, une fonction
`(membre, aujourdhui) → [Tache]` avec `taches_enregistrer`. Le tableau de bord et le courriel
hebdomadaire (`envoyer_rappels`) lisent la même liste.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.utils import timezone

from collectivites.enums import Role
from collectivites.models import Membre


@dataclass
class Tache:
    libelle: str
    url: str
    detail: str = ""


SOURCES: list[Callable] = []


def taches_enregistrer(fonction: Callable) -> None:
    if fonction not in SOURCES:
        SOURCES.append(fonction)


def taches_de(membre, aujourdhui: datetime.date | None = None) -> list[Tache]:
    """Les tâches d'un membre actif ; un élu n'en a pas (il lit la synthèse et les documents)."""
    if membre is None or not membre.actif or membre.est_elu:
        return []
    aujourdhui = aujourdhui or timezone.localdate()
    return [tache for source in SOURCES for tache in source(membre, aujourdhui)]


def rappels_envoyer(*, adresse: str, aujourdhui: datetime.date | None = None) -> int:
    """Le récapitulatif hebdomadaire : un courriel par personne qui a quelque chose à faire
    (toutes ses collectivités ensemble) et qui ne s'y est pas désabonnée dans son profil.
    Renvoie le nombre de courriels envoyés."""
    membres = (
        Membre.objects.actifs()
        .filter(utilisateur__is_active=True, utilisateur__recevoir_rappels=True)
        .exclude(role=Role.ELU)
        .select_related("utilisateur", "collectivite")
        .order_by("utilisateur_id", "collectivite__nom")
    )
    par_personne: dict = {}
    for membre in membres:
        taches = taches_de(membre, aujourdhui)
        if taches:
            par_personne.setdefault(membre.utilisateur, []).append((membre.collectivite, taches))
    messages = [
        (
            "Vos tâches de la semaine — stratégie numérique responsable",
            render_to_string(
                "strategie_nr/emails/rappels.txt",
                {"personne": personne, "blocs": blocs, "adresse": adresse.rstrip("/")},
            ),
            None,
            [personne.email],
        )
        for personne, blocs in par_personne.items()
    ]
    return send_mass_mail(messages) if messages else 0
