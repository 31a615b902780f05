"""Les graphiques SVG de toutes les pages et de tous les PDF, rendus côté serveur.

Un seul moteur : chaque domaine dit ce qu'il montre (libellés, valeurs, titre, description) et
appelle un des dessins d'ici ; tout texte passe par la seule règle d'échappement (`texte`) et
chaque graphique porte `role="img"`, un titre et une description reliés par
`aria-labelledby`, le tableau des valeurs restant à côté dans la page.
"""

from .barres import barres, colonnes
from .boites import boites
from .courbe import courbe, graduations, reponses
from .gantt import gantt, mois_court
from .matrice import matrice
from .radar import radar
from .svg import (
    POLICE,
    POLICE_SYSTEME,
    abreger,
    identifiant_numerote,
    nombre,
    sans_numeros,
    texte,
)

__all__ = [
    "POLICE",
    "POLICE_SYSTEME",
    "abreger",
    "barres",
    "boites",
    "colonnes",
    "courbe",
    "gantt",
    "graduations",
    "identifiant_numerote",
    "matrice",
    "mois_court",
    "nombre",
    "radar",
    "reponses",
    "sans_numeros",
    "texte",
]
