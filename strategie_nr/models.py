"""Modèles de l'application stratégie, rangés par domaine."""

from .referentiel.models import (  # noqa: F401
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
