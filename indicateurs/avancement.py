"""Avancement d'un objectif chiffré : une fonction pure, la règle écrite une fois.

- sans valeur mesurée jusqu'à l'année cible : « sans donnée » ;
- la dernière valeur atteint la cible (au moins la cible si une hausse est une amélioration,
  au plus si c'est une baisse) : « atteint » ;
- l'année cible est passée ou mesurée sans que la cible soit atteinte : « en retard » ;
- sinon on compare la dernière valeur à la trajectoire droite qui va du point de départ
  (la valeur de référence, ou à défaut la première valeur mesurée) à la cible : au moins aussi
  bonne que la trajectoire → « en bonne voie », moins bonne → « en retard ». Sans point de
  départ distinct de la dernière mesure, on ne peut pas juger la pente : « en bonne voie » tant
  que l'échéance n'est pas passée.
"""

from decimal import Decimal

from .enums import Avancement, Sens


def _au_moins_aussi_bon(valeur: Decimal, reference: Decimal, sens: str) -> bool:
    return valeur >= reference if sens == Sens.HAUSSE else valeur <= reference


def avancement(
    *,
    sens: str,
    annee_cible: int,
    valeur_cible: Decimal,
    mesures: dict[int, Decimal],
    base: tuple[int, Decimal] | None = None,
    annee_courante: int,
) -> tuple[str, int | None, Decimal | None]:
    """→ (avancement, année de la dernière valeur retenue, cette valeur)."""
    retenues = {annee: v for annee, v in mesures.items() if v is not None and annee <= annee_cible}
    if not retenues:
        return Avancement.SANS_DONNEE, None, None
    derniere_annee = max(retenues)
    derniere = retenues[derniere_annee]
    if _au_moins_aussi_bon(derniere, valeur_cible, sens):
        return Avancement.ATTEINT, derniere_annee, derniere
    if derniere_annee >= annee_cible or annee_courante > annee_cible:
        return Avancement.EN_RETARD, derniere_annee, derniere
    depart = base
    if depart is None or depart[0] >= derniere_annee:
        premiere = min(retenues)
        depart = (premiere, retenues[premiere]) if premiere < derniere_annee else None
    if depart is None or depart[0] >= annee_cible:
        return Avancement.EN_BONNE_VOIE, derniere_annee, derniere
    annee_depart, valeur_depart = depart
    attendu = valeur_depart + (valeur_cible - valeur_depart) * Decimal(
        derniere_annee - annee_depart
    ) / Decimal(annee_cible - annee_depart)
    statut = (
        Avancement.EN_BONNE_VOIE
        if _au_moins_aussi_bon(derniere, attendu, sens)
        else Avancement.EN_RETARD
    )
    return statut, derniere_annee, derniere
