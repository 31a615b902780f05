"""Registre des sections des documents : chaque domaine y branche la sienne.

Une section, c'est un titre, une fonction de contexte et un gabarit. La fonction reçoit la
`Source` du document (collectivité, version, fiches déjà lues) et renvoie le contexte du
gabarit ; elle renvoie `{"renseigne": False}` quand le domaine n'a encore rien à dire, et le
gabarit l'écrit honnêtement (« pas encore renseigné ») au lieu d'inventer.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from strategie_nr.referentiel.models import Axe


@dataclass
class Source:
    """Ce qu'un document lit une fois pour toutes ses sections."""

    collectivite: object
    version: object | None
    fiches: list[dict]
    aujourdhui: datetime.date
    annee: int | None = None  # bilan annuel
    cache: dict = field(default_factory=dict)

    @property
    def annee_close(self) -> int:
        """La dernière année terminée à la date du document."""
        return self.aujourdhui.year - 1

    @property
    def annee_des_chiffres(self) -> int:
        """L'année dont parlent les chiffres : celle du bilan, sinon la dernière année close."""
        return self.annee or self.annee_close

    @property
    def provisoire(self) -> bool:
        """Vrai pour un bilan de l'année en cours : ses chiffres changeront encore."""
        return self.annee_des_chiffres > self.annee_close

    def axes(self) -> list:
        if "axes" not in self.cache:
            self.cache["axes"] = list(Axe.objects.order_by("numero"))
        return self.cache["axes"]


@dataclass(frozen=True)
class Section:
    cle: str
    titre: str
    contexte: Callable[[Source], dict]
    gabarit: str


STRATEGIE: list[Section] = []
BILAN: list[Section] = []


def section_enregistrer(registre: list[Section], section: Section) -> None:
    """Ajoute (ou remplace, par sa clé) une section dans l'ordre d'enregistrement."""
    for rang, existante in enumerate(registre):
        if existante.cle == section.cle:
            registre[rang] = section
            return
    registre.append(section)
