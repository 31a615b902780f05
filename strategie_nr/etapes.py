"""Où en est la collectivité dans les 5 étapes de l'ANCT : ce qui est fait, ce qui manque."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse

from collectivites.enums import Role
from collectivites.models import Membre

from .referentiel.models import EtapeAnct


@dataclass
class Controle:
    libelle: str
    fait: bool
    url: str = ""


def _controles_prerequis(collectivite) -> list[Controle]:
    roles = (
        Membre.objects.for_collectivite(collectivite)
        .actifs()
        .aggregate(
            referents=Count("pk", filter=Q(role=Role.REFERENT)),
            agents=Count("pk", filter=Q(role=Role.AGENT)),
            elus=Count("pk", filter=Q(role=Role.ELU)),
        )
    )
    membres = reverse("collectivites:membres")
    return [
        Controle("Un référent numérique responsable est nommé", roles["referents"] > 0, membres),
        Controle(
            "Les agents concernés (DSI, achats, formation…) sont associés",
            roles["agents"] > 0,
            membres,
        ),
        Controle("Un élu suit la démarche", roles["elus"] > 0, membres),
        Controle(
            "La population et le nombre d'agents sont renseignés",
            collectivite.population > 0 and collectivite.nombre_agents > 0,
            reverse("collectivites:profil_collectivite"),
        ),
    ]


def _controles_lancement(collectivite) -> list[Controle]:
    date = collectivite.lancement_officiel_le
    return [
        Controle(
            f"La démarche a été lancée officiellement le {date:%d/%m/%Y}"
            if date
            else "Le lancement officiel de la démarche est déclaré (date, par le référent)",
            date is not None,
            reverse("collectivites:profil_collectivite"),
        )
    ]


# Les prérequis du décret n° 2022-1084 (programme de travail), tenus à part des 5 étapes de
# l'ANCT : les domaines les déclarent sous ce numéro.
PREREQUIS_DECRET = 0

# Numéro d'étape → fonctions qui, pour une collectivité, renvoient ses contrôles. Chaque domaine
# déclare les siens depuis le `ready()` de son application avec `controles_enregistrer`.
CONTROLES_PAR_ETAPE: dict[int, list[Callable]] = {
    1: [_controles_prerequis],
    2: [_controles_lancement],
}


def controles_enregistrer(etape: int, fonction: Callable) -> None:
    if fonction not in CONTROLES_PAR_ETAPE.setdefault(etape, []):
        CONTROLES_PAR_ETAPE[etape].append(fonction)


def etapes_avancement(collectivite) -> list[dict]:
    etapes = []
    for etape in EtapeAnct.objects.all():
        controles = [
            controle
            for fonction in CONTROLES_PAR_ETAPE.get(etape.numero, [])
            for controle in fonction(collectivite)
        ]
        etapes.append(
            {
                "etape": etape,
                "controles": controles,
                "faits": sum(c.fait for c in controles),
                "complete": bool(controles) and all(c.fait for c in controles),
            }
        )
    return etapes


def prerequis_decret(collectivite) -> dict:
    """Ce que demande le décret avant la stratégie (programme de travail) : fait ou non."""
    controles = [
        controle
        for fonction in CONTROLES_PAR_ETAPE.get(PREREQUIS_DECRET, [])
        for controle in fonction(collectivite)
    ]
    return {
        "controles": controles,
        "faits": sum(c.fait for c in controles),
        "complete": bool(controles) and all(c.fait for c in controles),
    }
