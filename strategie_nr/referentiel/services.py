"""Chargement idempotent du référentiel depuis les fichiers de `strategie_nr/referentiel/`."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .enums import Difficulte, Priorite
from .models import (
    ActionExemple,
    Axe,
    Dimension,
    EtapeAnct,
    Famille,
    IndicateurExemple,
    Pratique,
    Ressource,
    RetourExperience,
)

DOSSIER = Path(__file__).resolve().parent
FICHIER_AXES = DOSSIER / "axes_reen.json"
FICHIER_GUIDE = DOSSIER / "guide-bonnes-pratiques-v1.json"
FICHIER_GRILLE = DOSSIER / "grille_maturite.json"

PRIORITES = {choix.label: choix.value for choix in Priorite}
DIFFICULTES = {choix.label: choix.value for choix in Difficulte}


# Ce que les domaines ajoutent au référentiel (types d'équipement, questions du diagnostic,
# définitions d'indicateurs) : chacun déclare sa fonction depuis le `ready()` de son application
# avec `chargement_enregistrer`, le référentiel ne dépend d'aucun d'eux. Ordre : celui des
# applications dans INSTALLED_APPS.
CHARGEMENTS: list[Callable] = []


def chargement_enregistrer(fonction: Callable) -> None:
    """`fonction(*, enregistrer, bilan, mettre_a_jour)` est appelée après le référentiel commun
    par `referentiel_charger`, dans la même transaction."""
    if fonction not in CHARGEMENTS:
        CHARGEMENTS.append(fonction)


@dataclass
class Bilan:
    crees: dict[str, int] = field(default_factory=dict)
    mis_a_jour: dict[str, int] = field(default_factory=dict)

    def compter(self, modele, cree: bool, modifie: bool):
        nom = modele._meta.verbose_name_plural
        if cree:
            self.crees[nom] = self.crees.get(nom, 0) + 1
        elif modifie:
            self.mis_a_jour[nom] = self.mis_a_jour.get(nom, 0) + 1


def _lire(chemin: Path) -> dict:
    with chemin.open(encoding="utf-8") as fichier:
        return json.load(fichier)


def _enregistrer(modele, bilan: Bilan, *, mettre_a_jour: bool, defaults: dict, **cle):
    """Crée la ligne si elle manque ; ne remplace ce qui existe que sur demande explicite.

    Ainsi une correction faite dans l'administration n'est pas écrasée au prochain chargement.
    """
    objet = modele.objects.filter(**cle).first()
    if objet is None:
        objet = modele(**cle, **defaults)
        objet.full_clean()
        objet.save()
        bilan.compter(modele, cree=True, modifie=False)
        return objet
    if mettre_a_jour:
        modifie = False
        for nom, valeur in defaults.items():
            if getattr(objet, nom) != valeur:
                setattr(objet, nom, valeur)
                modifie = True
        if modifie:
            objet.full_clean()
            objet.save()
            bilan.compter(modele, cree=False, modifie=True)
    return objet


@transaction.atomic
def referentiel_charger(*, mettre_a_jour: bool = False) -> Bilan:
    bilan = Bilan()
    opts = {"mettre_a_jour": mettre_a_jour}

    for donnees in _lire(FICHIER_AXES)["axes"]:
        axe = _enregistrer(
            Axe, bilan, numero=donnees["numero"], defaults={"titre": donnees["titre"]}, **opts
        )
        for ordre, action in enumerate(donnees["actions"], start=1):
            _enregistrer(
                ActionExemple,
                bilan,
                axe=axe,
                ordre=ordre,
                defaults={"texte": action["texte"], "sous_elements": action["sous_elements"]},
                **opts,
            )
        for ordre, texte in enumerate(donnees["indicateurs"], start=1):
            _enregistrer(
                IndicateurExemple, bilan, axe=axe, ordre=ordre, defaults={"texte": texte}, **opts
            )
        for ordre, ressource in enumerate(donnees["ressources"], start=1):
            _enregistrer(
                Ressource,
                bilan,
                axe=axe,
                ordre=ordre,
                defaults={"texte": ressource["texte"], "url": ressource["url"]},
                **opts,
            )
        for ordre, texte in enumerate(donnees["retours_experience"], start=1):
            _enregistrer(
                RetourExperience, bilan, axe=axe, ordre=ordre, defaults={"texte": texte}, **opts
            )

    guide = _lire(FICHIER_GUIDE)
    for ordre_famille, thematique in enumerate(guide["thematiques"], start=1):
        famille = _enregistrer(
            Famille,
            bilan,
            code=thematique["id"],
            defaults={
                "titre": thematique["titre"],
                "description": thematique.get("description", ""),
                "ordre": ordre_famille,
            },
            **opts,
        )
        for ordre, pratique in enumerate(thematique["bonnesPratiques"], start=1):
            _enregistrer(
                Pratique,
                bilan,
                code=pratique["id"],
                defaults={
                    "titre": pratique["titre"],
                    "famille": famille,
                    "priorite": PRIORITES[pratique["priorite"]],
                    "difficulte": DIFFICULTES[pratique["difficulte"]],
                    "pilotes": pratique.get("pilotes", []),
                    "indicateurs": pratique.get("indicateurs", []),
                    "url": pratique.get("url", ""),
                    "ordre": ordre,
                },
                **opts,
            )

    grille = _lire(FICHIER_GRILLE)
    for dimension in grille["dimensions"]:
        _enregistrer(
            Dimension,
            bilan,
            numero=dimension["numero"],
            defaults={"titre": dimension["titre"], "description": dimension["description"]},
            **opts,
        )
    for etape in grille["etapes"]:
        _enregistrer(
            EtapeAnct,
            bilan,
            numero=etape["numero"],
            defaults={cle: valeur for cle, valeur in etape.items() if cle != "numero"},
            **opts,
        )

    for chargement in CHARGEMENTS:
        chargement(enregistrer=_enregistrer, bilan=bilan, **opts)
    return bilan


def source_guide() -> dict:
    """Mentions obligatoires de la Licence Ouverte pour le guide de bonnes pratiques."""
    guide = _lire(FICHIER_GUIDE)
    return {
        "titre": guide["title"],
        "auteur": guide["author"]["name"],
        "version": guide["version"],
        "date": guide["updated_at"],
        "url": guide["url"],
        "licence": "Licence Ouverte / Etalab 2.0",
        "licence_url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    }
