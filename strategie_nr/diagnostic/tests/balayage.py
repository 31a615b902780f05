"""URL du diagnostic pour le balayage d'isolation : la campagne ouverte de la commune."""

from strategie_nr.diagnostic.models import Campagne


def _campagne(d):
    return {"pk": Campagne.objects.for_collectivite(d.commune).ouvertes().get().pk}


PARAMETRES = {
    "diagnostic:campagne": _campagne,
    "diagnostic:questionnaire": _campagne,
    "diagnostic:consolidation": _campagne,
    "diagnostic:cloturer": _campagne,
    "diagnostic:rouvrir": _campagne,
    "diagnostic:export": _campagne,
}

SANS_OBJET_DE_COLLECTIVITE = {"diagnostic:index", "diagnostic:ouvrir"}


def grossir(d):
    """Plus de répondants, qui répondent à toute la grille de la campagne ouverte."""
    from collectivites.enums import Role
    from collectivites.tests.factories import MembreFactory
    from strategie_nr.diagnostic.models import Question
    from strategie_nr.diagnostic.services import Saisie, reponses_enregistrer

    campagne = Campagne.objects.get(**_campagne(d))
    questions = list(Question.objects.all())
    for rang in range(4):
        membre = MembreFactory(collectivite=d.commune, role=Role.AGENT)
        saisies = [
            Saisie(
                question=question,
                niveau=None if (rang + i) % 7 == 0 else 1 + (rang + i) % 5,
                non_concerne=(rang + i) % 7 == 0,
                commentaire=f"Commentaire {rang}",
            )
            for i, question in enumerate(questions)
        ]
        reponses_enregistrer(campagne=campagne, membre=membre, saisies=saisies)
