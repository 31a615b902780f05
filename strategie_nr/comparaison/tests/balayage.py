"""URL de la comparaison pour le balayage d'isolation : pages de la collectivité courante."""

SANS_OBJET_DE_COLLECTIVITE = {"comparaison:index", "comparaison:participation"}


def grossir(d):
    """Plus de collectivités participantes, et une nouvelle publication : la page lit les
    statistiques arrêtées, jamais les chiffres des autres."""
    from collectivites.tests.factories import CollectiviteFactory
    from strategie_nr.comparaison.services import comparaison_publier

    for rang in range(8):
        CollectiviteFactory(
            code_officiel=f"99{800 + rang:03d}",
            population=60_000 + rang,
            participe_comparaison=True,
        )
    comparaison_publier()
