import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count

from strategie_nr.diagnostic import selectors, services
from strategie_nr.diagnostic.models import Campagne, Question, Reponse, ReponseConsolidee
from strategie_nr.diagnostic.services import Saisie


def _question(numero, ordre):
    return Question.objects.get(dimension__numero=numero, ordre=ordre)


def test_grille_de_questions_chargee(db):
    par_dimension = {
        numero: Question.objects.filter(dimension__numero=numero).count() for numero in range(1, 8)
    }
    assert all(3 <= nombre <= 6 for nombre in par_dimension.values()), par_dimension
    assert not Question.objects.filter(pratiques=None).exists()


def test_une_seule_campagne_ouverte(campagne, commune, referent):
    with pytest.raises(ValidationError, match="déjà ouverte"):
        services.campagne_ouvrir(
            collectivite=commune,
            titre="Autre",
            date=datetime.date(2024, 4, 1),
            auteur=referent.utilisateur,
        )
    services.campagne_cloturer(campagne=campagne, auteur=referent.utilisateur)
    services.campagne_ouvrir(
        collectivite=commune,
        titre="Réévaluation",
        date=datetime.date(2025, 4, 1),
        auteur=referent.utilisateur,
    )
    assert Campagne.objects.for_collectivite(commune).count() == 2


def test_reponses_partielles_puis_completees(campagne, agent):
    q1, q2 = _question(1, 1), _question(1, 2)
    services.reponses_enregistrer(
        campagne=campagne, membre=agent, saisies=[Saisie(q1, 3, False, "Un référent nommé")]
    )
    services.reponses_enregistrer(
        campagne=campagne,
        membre=agent,
        saisies=[Saisie(q1, 4, False, "Un référent nommé"), Saisie(q2, None, True)],
    )
    reponses = {r.question_id: r for r in Reponse.objects.filter(membre=agent)}
    assert reponses[q1.pk].niveau == 4 and reponses[q1.pk].commentaire == "Un référent nommé"
    assert reponses[q2.pk].non_concerne and reponses[q2.pk].niveau is None


def test_campagne_close_ne_recoit_plus_de_reponses(campagne, agent, referent):
    services.campagne_cloturer(campagne=campagne, auteur=referent.utilisateur)
    with pytest.raises(ValidationError, match="close"):
        services.reponses_enregistrer(
            campagne=campagne, membre=agent, saisies=[Saisie(_question(1, 1), 3, False)]
        )
    assert not Reponse.objects.exists()
    with pytest.raises(ValidationError, match="déjà close"):
        services.campagne_cloturer(campagne=campagne, auteur=referent.utilisateur)


def test_consolidation_exige_une_raison_pour_s_ecarter_de_la_moyenne(campagne, referent):
    question = _question(2, 1)
    moyennes = {question.pk: Decimal("1.33")}
    with pytest.raises(ValidationError, match="raison"):
        services.consolidation_enregistrer(
            campagne=campagne,
            auteur=referent,
            saisies=[Saisie(question, 3, False)],
            moyennes=moyennes,
        )
    assert not ReponseConsolidee.objects.exists()
    services.consolidation_enregistrer(
        campagne=campagne,
        auteur=referent,
        saisies=[Saisie(question, 3, False, raison="Inventaire GLPI découvert en atelier")],
        moyennes=moyennes,
    )
    consolidee = ReponseConsolidee.objects.get()
    assert (consolidee.niveau, consolidee.moyenne_individuelle) == (3, Decimal("1.33"))
    # Suivre la moyenne ne demande pas de raison.
    services.consolidation_enregistrer(
        campagne=campagne,
        auteur=referent,
        saisies=[Saisie(question, 1, False)],
        moyennes=moyennes,
    )
    assert ReponseConsolidee.objects.get().niveau == 1


def test_resultats_et_comparaison(campagne, commune, referent, agent):
    services.reponses_enregistrer(
        campagne=campagne,
        membre=agent,
        saisies=[Saisie(_question(1, 1), 2, False), Saisie(_question(1, 2), 3, False)],
    )
    services.reponses_enregistrer(
        campagne=campagne, membre=referent, saisies=[Saisie(_question(1, 1), 3, False)]
    )
    resultats = selectors.resultats_campagne(campagne)
    # Sans consolidation : moyenne des individuelles, (2,5 + 3) / 2 = 2,75 → 2,8.
    assert resultats.dimensions[0].note == Decimal("2.8")
    assert resultats.dimensions[1].note is None
    assert resultats.note_globale == Decimal("2.8") and resultats.provisoire
    campagne = services.campagne_cloturer(campagne=campagne, auteur=referent.utilisateur)
    # La clôture retient le niveau le plus proche de la moyenne : 2,5 → 3 et 3 → 3.
    resultats = selectors.resultats_campagne(campagne)
    assert resultats.dimensions[0].note == Decimal("3.0") and not resultats.provisoire

    suivante = services.campagne_ouvrir(
        collectivite=commune,
        titre="Réévaluation",
        date=datetime.date(2025, 3, 1),
        auteur=referent.utilisateur,
    )
    services.consolidation_enregistrer(
        campagne=suivante,
        auteur=referent,
        saisies=[Saisie(_question(1, 1), 4, False, raison="Atelier")],
        moyennes={},
    )
    resultats = selectors.resultats_campagne(suivante)
    assert resultats.precedente == campagne
    assert resultats.dimensions[0].note == Decimal("4.0")
    assert resultats.dimensions[0].ecart == Decimal("1.0")
    assert resultats.ecart_global == Decimal("1.0")
    assert selectors.derniere_campagne_cloturee(commune) == campagne


def test_pratiques_des_dimensions_faibles_prioritaires_d_abord(campagne, referent):
    services.consolidation_enregistrer(
        campagne=campagne,
        auteur=referent,
        saisies=[
            Saisie(_question(1, 1), 4, False, raison="x"),
            Saisie(_question(2, 1), 1, False, raison="x"),
            Saisie(_question(6, 1), 2, False, raison="x"),
        ],
        moyennes={},
    )
    resultats = selectors.resultats_campagne(campagne)
    faibles = selectors.dimensions_les_plus_faibles(resultats)
    assert [ligne.dimension.numero for ligne in faibles] == [2, 6]
    pratiques = selectors.pratiques_a_considerer(faibles)
    priorites = [p.priorite for p in pratiques[faibles[0].dimension.pk]]
    assert priorites == sorted(priorites, key=selectors.ORDRE_PRIORITE.index)
    assert {p.code for p in pratiques[faibles[1].dimension.pk]} == {"b.1", "b.2", "b.3"}


def test_une_pratique_commune_a_deux_dimensions_n_est_proposee_qu_une_fois(db):
    from strategie_nr.referentiel.models import Dimension

    lignes = [
        selectors.LigneDimension(dimension=d, note=Decimal(d.numero))
        for d in Dimension.objects.order_by("numero")
    ]
    pratiques = selectors.pratiques_a_considerer(lignes)
    codes = [p.code for liste in pratiques.values() for p in liste]
    communes = Question.pratiques.through.objects.values("pratique").annotate(
        dimensions=Count("question__dimension", distinct=True)
    )
    assert any(c["dimensions"] > 1 for c in communes)  # le cas existe dans la grille
    assert len(codes) == len(set(codes))
