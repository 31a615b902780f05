"""Qui ajoute ou supprime une pièce : les droits de l'objet auquel elle est jointe.

- programme de travail : agents et référents (comme pour le reste du programme) ;
- version de la feuille de route : agents et référents (ceux qui la rédigent et la soumettent) ;
- fiche action : son responsable et le référent (ceux qui peuvent la modifier).

Tout membre, élu compris, consulte et télécharge les pièces de sa collectivité. Une pièce
jointe à une version validée (ou à une de ses fiches) n'est jamais supprimée.
"""

from collectivites.perms import peut_contribuer, peut_lire
from strategie_nr.fiches.perms import peut_modifier_fiche
from strategie_nr.programme.perms import peut_modifier_programme

from .enums import Rattachement

__all__ = ["peut_lire", "peut_ajouter_piece", "peut_supprimer_piece"]


def peut_ajouter_piece(membre, *, rattachement: str, objet=None) -> bool:
    if rattachement == Rattachement.PROGRAMME:
        return peut_modifier_programme(membre)
    if rattachement == Rattachement.VERSION:
        return peut_contribuer(membre)
    return peut_modifier_fiche(membre, objet)


def peut_supprimer_piece(membre, piece) -> bool:
    if piece.conservee:
        return False
    return peut_ajouter_piece(membre, rattachement=piece.rattachement, objet=piece.fiche)
