from django.db import models


class Strate(models.TextChoices):
    """Bandes de population des groupes de comparaison.

    Bornes prises dans les strates démographiques de la DGCL (« Les collectivités locales en
    chiffres » : 20 000, 50 000 et 100 000 habitants sont des bornes des strates des communes,
    50 000 et 100 000 de celles des groupements), regroupées en quatre bandes pour que les
    groupes atteignent cinq collectivités ; la borne de 50 000 est aussi le seuil de l'article 35
    de la loi REEN (« plus de 50 000 habitants »).
    """

    MOINS_DE_20000 = "moins-20000", "moins de 20 000 habitants"
    DE_20000_A_50000 = "20000-50000", "de 20 000 à 50 000 habitants"
    DE_50001_A_100000 = "50001-100000", "de 50 001 à 100 000 habitants"
    PLUS_DE_100000 = "plus-100000", "plus de 100 000 habitants"


def strate_de(population: int) -> str:
    if population < 20_000:
        return Strate.MOINS_DE_20000
    if population <= 50_000:
        return Strate.DE_20000_A_50000
    if population <= 100_000:
        return Strate.DE_50001_A_100000
    return Strate.PLUS_DE_100000
