"""Démo du diagnostic : une campagne close et consolidée (2024), une campagne ouverte (2025).

Les réponses consolidées de 2024 reproduisent le tableau de la grille de l'ANCT : 3,0 ; 1,0 ;
3,5 ; 2,0 ; 2,4 ; 1,7 ; 2,5 → note globale 2,3.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Campagne, Question, Reponse, ReponseConsolidee

# Niveau consolidé de chaque question, dimension par dimension (dans l'ordre des questions).
CONSOLIDEES_2024 = {
    1: [3, 3, 3, 3, 3],
    2: [1, 1, 1, 1],
    3: [4, 3, 4, 3],
    4: [2, 2, 2, 2, 2],
    5: [2, 2, 3, 3, 2],
    6: [1, 2, 2],
    7: [2, 3, 2, 3],
}
# Écart de chaque répondant à la réponse retenue (le groupe tranche ensuite).
ECARTS = {
    "referent@demo.test": [0, 1, 0, -1],
    "agent@demo.test": [1, 0, -1, 0, 0],
    "achats@demo.test": [0, -1, 1],
    "formation@demo.test": [-1, 0, 0, 1, 0, 1],
}
COMMENTAIRES = {
    (
        3,
        2,
    ): "Un lot de 40 portables reconditionnés en 2023 ; à généraliser dans le prochain marché.",
    (5, 2): "Dons ponctuels aux écoles, sans suivi des bénéficiaires.",
    (6, 1): "Une seule sensibilisation (Fresque du numérique) pour la DSI en 2023.",
    (2, 2): "Jamais évaluée : pas d'outil ni de méthode choisis.",
}
# Réponses déjà données dans la campagne ouverte par l'agent (en cours de route).
EN_COURS_2025 = {1: [4, 3, 3, 3, 4], 2: [2, 2, 1, 1], 3: [4, 4]}


def _borner(niveau: int) -> int:
    return max(1, min(5, niveau))


@transaction.atomic
def charger(contexte: dict) -> None:
    commune, membres = contexte["commune"], contexte["membres"]
    referent = membres["referent@demo.test"]
    questions = {
        (q.dimension.numero, q.ordre): q for q in Question.objects.select_related("dimension")
    }
    if not questions:
        return
    initiale, creee = Campagne.objects.get_or_create(
        collectivite=commune,
        titre="Diagnostic initial",
        defaults={"date": datetime.date(2024, 3, 12), "ouverte_par": referent.utilisateur},
    )
    if creee:
        rang = 0
        reponses, consolidees = [], []
        for numero, niveaux in CONSOLIDEES_2024.items():
            for ordre, niveau in enumerate(niveaux, start=1):
                question = questions[(numero, ordre)]
                individuels = []
                for email, ecarts in ECARTS.items():
                    individuel = _borner(niveau + ecarts[rang % len(ecarts)])
                    individuels.append(individuel)
                    reponses.append(
                        Reponse(
                            campagne=initiale,
                            question=question,
                            membre=membres[email],
                            niveau=individuel,
                            commentaire=COMMENTAIRES.get((numero, ordre), "")
                            if email == "agent@demo.test"
                            else "",
                        )
                    )
                rang += 1
                moyenne = sum(individuels) / len(individuels)
                consolidees.append(
                    ReponseConsolidee(
                        campagne=initiale,
                        question=question,
                        niveau=niveau,
                        moyenne_individuelle=round(moyenne, 2),
                        raison=""
                        if round(moyenne) == niveau
                        else "Niveau arrêté en atelier après échange sur les pratiques réelles.",
                        commentaire=COMMENTAIRES.get((numero, ordre), ""),
                        consolidee_par=referent.utilisateur,
                    )
                )
        Reponse.objects.bulk_create(reponses)
        ReponseConsolidee.objects.bulk_create(consolidees)
        initiale.cloturee_le = timezone.make_aware(datetime.datetime(2024, 4, 2, 17, 0))
        initiale.cloturee_par = referent.utilisateur
        initiale.save(update_fields=["cloturee_le", "cloturee_par"])

    reevaluation, creee = Campagne.objects.get_or_create(
        collectivite=commune,
        titre="Réévaluation 2025",
        defaults={"date": datetime.date(2025, 9, 15), "ouverte_par": referent.utilisateur},
    )
    if creee:
        Reponse.objects.bulk_create(
            Reponse(
                campagne=reevaluation,
                question=questions[(numero, ordre)],
                membre=membres["agent@demo.test"],
                niveau=niveau,
            )
            for numero, niveaux in EN_COURS_2025.items()
            for ordre, niveau in enumerate(niveaux, start=1)
        )
    contexte["campagnes_diagnostic"] = {"cloturee": initiale, "ouverte": reevaluation}
