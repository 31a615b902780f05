"""Calculs de la comparaison : fonctions pures, sans base de données.

- Quartiles par interpolation linéaire entre les valeurs rangées (la méthode « inclusive »,
  celle de QUARTILE.INCLUS d'un tableur) : le quartile d'ordre p est à la position
  p × (n − 1) de la liste rangée, la médiane à la moitié.
- Un groupe n'est publié que si au moins `EFFECTIF_MIN` collectivités y contribuent, et si,
  comparé à chaque groupe déjà publié pour le même chiffre, il n'en diffère ni d'une à quatre
  collectivités en plus ni d'une à quatre en moins : deux groupes publiés ne permettent pas,
  par différence, d'isoler moins de cinq collectivités.
- Les effectifs ne sont montrés que par tranches (« 5 à 9 »…), jamais au chiffre près.
"""

from collections.abc import Iterable
from decimal import Decimal

EFFECTIF_MIN = 5
TRANCHES = [(5, 9), (10, 19), (20, 49), (50, None)]


def quartile(valeurs_rangees: list[Decimal], p: Decimal) -> Decimal:
    position = Decimal(len(valeurs_rangees) - 1) * p
    bas = int(position)
    reste = position - bas
    if bas + 1 >= len(valeurs_rangees):
        return valeurs_rangees[bas]
    return valeurs_rangees[bas] + (valeurs_rangees[bas + 1] - valeurs_rangees[bas]) * reste


def quartiles(valeurs: Iterable) -> tuple[Decimal, Decimal, Decimal]:
    """(premier quartile, médiane, troisième quartile) de valeurs non vides."""
    rangees = sorted(Decimal(v) for v in valeurs)
    if not rangees:
        raise ValueError("Aucune valeur.")
    return tuple(quartile(rangees, Decimal(p)) for p in ("0.25", "0.5", "0.75"))


def cles_de_groupes(nature: str, strate: str) -> list[tuple[str, str]]:
    """Les groupes d'une collectivité, du plus large au plus étroit : (nature, strate), une
    chaîne vide voulant dire « toutes »."""
    return [("", ""), (nature, ""), ("", strate), (nature, strate)]


def difference_sure(a: frozenset, b: frozenset) -> bool:
    """Vrai si ni a − b ni b − a ne compte entre 1 et 4 collectivités."""
    return all(len(d) == 0 or len(d) >= EFFECTIF_MIN for d in (a - b, b - a))


def groupes_publiables(groupes: dict) -> list:
    """Les clés des groupes publiables, dans l'ordre donné (du plus large au plus étroit).

    `groupes` : {clé: ensemble des collectivités qui contribuent au chiffre dans ce groupe}.
    Un groupe est retenu s'il compte `EFFECTIF_MIN` collectivités au moins et si sa différence
    avec chaque groupe déjà retenu est sûre (`difference_sure`) ; l'ordre donne la priorité aux
    groupes larges, qui ne se déduisent de rien."""
    retenus: list = []
    for cle, membres in groupes.items():
        membres = frozenset(membres)
        if len(membres) < EFFECTIF_MIN:
            continue
        if all(difference_sure(membres, frozenset(groupes[autre])) for autre in retenus):
            retenus.append(cle)
    return retenus


def tranche_effectif(effectif: int) -> str:
    """« 5 à 9 collectivités », « 50 collectivités ou plus »."""
    for bas, haut in TRANCHES:
        if haut is None and effectif >= bas:
            return f"{bas} collectivités ou plus"
        if haut is not None and bas <= effectif <= haut:
            return f"{bas} à {haut} collectivités"
    raise ValueError("Groupe trop petit pour être montré.")


def position(valeur: Decimal | None, q1: Decimal, mediane: Decimal, q3: Decimal) -> str:
    """Où se place une valeur par rapport aux quartiles d'un groupe, en mots."""
    if valeur is None:
        return "pas de valeur"
    if valeur < q1:
        return "sous le premier quartile"
    if valeur > q3:
        return "au-dessus du troisième quartile"
    if valeur == mediane:
        return "à la médiane"
    return (
        "entre le premier quartile et la médiane"
        if valeur < mediane
        else ("entre la médiane et le troisième quartile")
    )
