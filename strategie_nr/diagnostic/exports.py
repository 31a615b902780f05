"""Export XLSX d'une campagne : questions, réponses individuelles, consolidées et notes."""

from strategie_nr.plateforme.tableurs import classeur_xlsx

from .models import Question, Reponse, ReponseConsolidee
from .selectors import resultats_campagne


def _niveau(reponse) -> str | int:
    if reponse.non_concerne:
        return "Non concerné"
    return "" if reponse.niveau is None else reponse.niveau


def _decimal(valeur):
    return None if valeur is None else float(valeur)


def campagne_xlsx(campagne) -> bytes:
    questions = list(
        Question.objects.select_related("dimension")
        .prefetch_related("pratiques")
        .order_by("dimension__numero", "ordre")
    )
    individuelles = (
        Reponse.objects.filter(campagne=campagne)
        .select_related("question__dimension", "membre__utilisateur")
        .order_by("question__dimension__numero", "question__ordre", "membre__utilisateur__email")
    )
    consolidees = (
        ReponseConsolidee.objects.filter(campagne=campagne)
        .select_related("question__dimension", "consolidee_par")
        .order_by("question__dimension__numero", "question__ordre")
    )
    resultats = resultats_campagne(campagne)
    notes = [
        [
            ligne.dimension.numero,
            ligne.dimension.titre,
            _decimal(ligne.note),
            _decimal(ligne.note_precedente),
        ]
        for ligne in resultats.dimensions
    ]
    notes.append(
        [
            "",
            "Note globale",
            _decimal(resultats.note_globale),
            _decimal(resultats.note_globale_precedente),
        ]
    )
    return classeur_xlsx(
        [
            (
                "Questions",
                ["Code", "Dimension", "Question", "Pour vous aider", "Pratiques du guide"],
                [
                    [
                        q.code,
                        q.dimension.titre,
                        q.intitule,
                        q.aide,
                        ", ".join(p.code for p in q.pratiques.all()),
                    ]
                    for q in questions
                ],
            ),
            (
                "Réponses individuelles",
                ["Code", "Question", "Membre", "E-mail", "Niveau", "Commentaire"],
                [
                    [
                        r.question.code,
                        r.question.intitule,
                        r.membre.utilisateur.get_full_name(),
                        r.membre.utilisateur.email,
                        _niveau(r),
                        r.commentaire,
                    ]
                    for r in individuelles
                ],
            ),
            (
                "Réponses consolidées",
                [
                    "Code",
                    "Question",
                    "Moyenne individuelle",
                    "Niveau retenu",
                    "Raison de l'écart",
                    "Commentaire",
                ],
                [
                    [
                        r.question.code,
                        r.question.intitule,
                        _decimal(r.moyenne_individuelle),
                        _niveau(r),
                        r.raison,
                        r.commentaire,
                    ]
                    for r in consolidees
                ],
            ),
            (
                "Notes",
                ["N°", "Dimension", f"Note ({campagne.titre})", "Note de la campagne précédente"],
                notes,
            ),
        ]
    )
