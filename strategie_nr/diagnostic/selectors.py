"""Lectures du diagnostic : résultats d'une campagne, participation, pratiques à considérer.

`resultats_campagne` et `derniere_campagne_cloturee` servent aussi le PDF de la stratégie et
le bilan annuel.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Case, Count, IntegerField, Q, Value, When

from collectivites.enums import Role
from collectivites.models import Membre
from strategie_nr.referentiel.enums import Difficulte, Priorite
from strategie_nr.referentiel.models import Dimension, Pratique

from . import scores
from .models import Campagne, Question, Reponse, ReponseConsolidee


@dataclass
class LigneQuestion:
    question: Question
    consolidee: ReponseConsolidee | None
    moyenne_individuelle: Decimal | None
    repondants: int

    @property
    def valeur(self) -> Decimal | None:
        """La réponse consolidée si elle existe, sinon la moyenne des réponses individuelles."""
        if self.consolidee is not None:
            valeur = self.consolidee.valeur
            return None if valeur is None else Decimal(valeur)
        return self.moyenne_individuelle

    @property
    def niveau_propose(self) -> int | None:
        return scores.niveau_propose(self.moyenne_individuelle)


@dataclass
class LigneDimension:
    dimension: Dimension
    questions: list[LigneQuestion] = field(default_factory=list)
    note: Decimal | None = None
    note_precedente: Decimal | None = None

    @property
    def ecart(self) -> Decimal | None:
        if self.note is None or self.note_precedente is None:
            return None
        return self.note - self.note_precedente


@dataclass
class Resultats:
    campagne: Campagne
    dimensions: list[LigneDimension]
    note_globale: Decimal | None
    precedente: Campagne | None = None
    note_globale_precedente: Decimal | None = None
    provisoire: bool = False  # campagne ouverte : les réponses peuvent encore changer

    @property
    def ecart_global(self) -> Decimal | None:
        if self.note_globale is None or self.note_globale_precedente is None:
            return None
        return self.note_globale - self.note_globale_precedente

    @property
    def dimensions_notees(self) -> list[LigneDimension]:
        return [ligne for ligne in self.dimensions if ligne.note is not None]


def _lignes_questions(campagne, questions) -> list[LigneQuestion]:
    consolidees = {r.question_id: r for r in ReponseConsolidee.objects.filter(campagne=campagne)}
    moyennes = {
        ligne["question"]: ligne
        for ligne in Reponse.objects.filter(campagne=campagne)
        .values("question")
        .annotate(
            moyenne=Avg("niveau", filter=Q(niveau__isnull=False, non_concerne=False)),
            repondants=Count("pk", filter=Q(niveau__isnull=False) | Q(non_concerne=True)),
        )
    }
    lignes = []
    for question in questions:
        agregat = moyennes.get(question.pk, {})
        moyenne = agregat.get("moyenne")
        lignes.append(
            LigneQuestion(
                question=question,
                consolidee=consolidees.get(question.pk),
                moyenne_individuelle=None if moyenne is None else Decimal(str(moyenne)),
                repondants=agregat.get("repondants", 0),
            )
        )
    return lignes


def _notes(campagne, dimensions, questions) -> tuple[list[LigneDimension], Decimal | None]:
    lignes = _lignes_questions(campagne, questions)
    par_dimension = {d.pk: LigneDimension(dimension=d) for d in dimensions}
    for ligne in lignes:
        par_dimension[ligne.question.dimension_id].questions.append(ligne)
    notes, globale = scores.notes(
        {cle: [q.valeur for q in ligne.questions] for cle, ligne in par_dimension.items()}
    )
    for cle, note in notes.items():
        par_dimension[cle].note = note
    return list(par_dimension.values()), globale


def campagne_precedente(campagne) -> Campagne | None:
    return (
        Campagne.objects.for_collectivite(campagne.collectivite_id)
        .filter(Q(date__lt=campagne.date) | Q(date=campagne.date, pk__lt=campagne.pk))
        .order_by("-date", "-pk")
        .first()
    )


def resultats_campagne(campagne, *, comparer: bool = True) -> Resultats:
    """Notes par dimension et globale, comparées à la campagne précédente.

    Nombre fixe de requêtes, quel que soit le nombre de réponses.
    """
    dimensions = list(Dimension.objects.order_by("numero"))
    questions = list(
        Question.objects.select_related("dimension").order_by("dimension__numero", "ordre")
    )
    lignes, globale = _notes(campagne, dimensions, questions)
    resultats = Resultats(
        campagne=campagne, dimensions=lignes, note_globale=globale, provisoire=campagne.ouverte
    )
    precedente = campagne_precedente(campagne) if comparer else None
    if precedente is not None:
        anciennes, ancienne_globale = _notes(precedente, dimensions, questions)
        for ligne, ancienne in zip(lignes, anciennes, strict=True):
            ligne.note_precedente = ancienne.note
        resultats.precedente = precedente
        resultats.note_globale_precedente = ancienne_globale
    return resultats


@dataclass
class Manques:
    """Ce qui manque avant de clore : la page de confirmation le montre, la clôture s'y fie."""

    membres_incomplets: list[dict]
    a_retenir: list[LigneQuestion]  # répondues, pas consolidées : retenues à la moyenne
    sans_reponse: list[LigneQuestion]  # aucune réponse : resteront sans note

    @property
    def rien(self) -> bool:
        return not (self.membres_incomplets or self.a_retenir or self.sans_reponse)


def cloture_manques(campagne) -> Manques:
    lignes = [
        ligne
        for dimension in resultats_campagne(campagne, comparer=False).dimensions
        for ligne in dimension.questions
        if ligne.consolidee is None
    ]
    return Manques(
        membres_incomplets=[p for p in participation(campagne) if p["repondues"] < p["total"]],
        a_retenir=[ligne for ligne in lignes if ligne.repondants],
        sans_reponse=[ligne for ligne in lignes if not ligne.repondants],
    )


def campagne_rouvrable(campagne) -> bool:
    """Une campagne close se rouvre tant qu'aucune autre, plus récente ou ouverte, n'existe."""
    return (
        not campagne.ouverte
        and not Campagne.objects.for_collectivite(campagne.collectivite_id)
        .exclude(pk=campagne.pk)
        .filter(
            Q(date__gt=campagne.date)
            | Q(date=campagne.date, pk__gt=campagne.pk)
            | Q(cloturee_le__isnull=True)
        )
        .exists()
    )


def historique_campagne(campagne) -> list:
    return list(campagne.evenements.select_related("auteur").order_by("date", "pk"))


def derniere_campagne_cloturee(collectivite) -> Campagne | None:
    return (
        Campagne.objects.for_collectivite(collectivite).cloturees().order_by("-date", "-pk").first()
    )


ORDRE_PRIORITE = [Priorite.PRIORITAIRE, Priorite.RECOMMANDEE, Priorite.ALLER_PLUS_LOIN]
ORDRE_DIFFICULTE = [Difficulte.FACILE, Difficulte.MOYENNE, Difficulte.DIFFICILE]


def _rang(champ: str, ordre: list) -> Case:
    return Case(
        *[When(**{champ: valeur}, then=Value(rang)) for rang, valeur in enumerate(ordre)],
        output_field=IntegerField(),
    )


def dimensions_les_plus_faibles(resultats: Resultats, nombre: int = 2) -> list[LigneDimension]:
    notees = sorted(
        resultats.dimensions_notees, key=lambda ligne: (ligne.note, ligne.dimension.numero)
    )
    return notees[:nombre]


def pratiques_a_considerer(dimensions: list[LigneDimension]) -> dict[int, list[Pratique]]:
    """Pour chaque dimension faible, ses pratiques : Prioritaire d'abord, puis les plus faciles."""
    if not dimensions:
        return {}
    couples = (
        Question.pratiques.through.objects.filter(
            question__dimension__in=[ligne.dimension for ligne in dimensions]
        )
        .select_related("pratique__famille", "question")
        .annotate(
            rang_priorite=_rang("pratique__priorite", ORDRE_PRIORITE),
            rang_difficulte=_rang("pratique__difficulte", ORDRE_DIFFICULTE),
        )
        .order_by("rang_priorite", "rang_difficulte", "pratique__famille__ordre", "pratique__ordre")
    )
    resultat: dict[int, list[Pratique]] = {ligne.dimension.pk: [] for ligne in dimensions}
    par_dimension: dict[int, list[Pratique]] = {cle: [] for cle in resultat}
    for couple in couples:
        liste = par_dimension[couple.question.dimension_id]
        if couple.pratique not in liste:
            liste.append(couple.pratique)
    # Une pratique commune à deux dimensions n'est proposée qu'une fois, sous la plus faible.
    deja: set[int] = set()
    for ligne in dimensions:
        resultat[ligne.dimension.pk] = [
            p for p in par_dimension[ligne.dimension.pk] if p.pk not in deja
        ]
        deja.update(p.pk for p in resultat[ligne.dimension.pk])
    return resultat


def participation(campagne) -> list[dict]:
    """Qui a répondu : chaque membre actif qui peut répondre, avec son nombre de réponses."""
    total = Question.objects.count()
    membres = (
        Membre.objects.for_collectivite(campagne.collectivite_id)
        .actifs()
        .exclude(role=Role.ELU)
        .select_related("utilisateur")
        .annotate(
            repondues=Count(
                "reponses_diagnostic",
                filter=Q(reponses_diagnostic__campagne=campagne)
                & (
                    Q(reponses_diagnostic__niveau__isnull=False)
                    | Q(reponses_diagnostic__non_concerne=True)
                ),
            )
        )
        .order_by("utilisateur__last_name", "utilisateur__first_name")
    )
    return [{"membre": m, "repondues": m.repondues, "total": total} for m in membres]
