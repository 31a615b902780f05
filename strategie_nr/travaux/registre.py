"""Ce que chaque domaine sait produire en arrière-plan, enregistré depuis son `AppConfig.ready()`.

Les travaux ne connaissent aucun domaine : un domaine enregistre pour une nature la fonction
qui produit le résultat d'un travail, et le prédicat qui dit qui peut le suivre.
"""

from collections.abc import Callable
from dataclasses import dataclass

from collectivites.perms import peut_lire


@dataclass(frozen=True)
class Resultat:
    """Un fichier à télécharger, ou une page où voir ce qui a été fait (un import)."""

    contenu: bytes | None = None
    nom_fichier: str = ""
    type_contenu: str = ""
    lien: str = ""
    message: str = ""


@dataclass(frozen=True)
class Executant:
    nature: str
    executer: Callable  # (travail) -> Resultat ; une ValidationError n'est pas réessayée
    permission: Callable = peut_lire


_EXECUTANTS: dict[str, Executant] = {}


def executant_enregistrer(executant: Executant) -> None:
    _EXECUTANTS[executant.nature] = executant


def executant_de(nature: str) -> Executant:
    return _EXECUTANTS[nature]
