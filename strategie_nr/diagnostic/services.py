"""Écritures du diagnostic : campagnes, réponses individuelles, consolidation."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from strategie_nr.plateforme.enums import ActionHistorique
from strategie_nr.plateforme.services import changement, historique_enregistrer
from strategie_nr.referentiel.enums import Barometre
from strategie_nr.referentiel.models import Dimension, Pratique

from . import scores, selectors
from .enums import TypeEvenementCampagne
from .models import Campagne, EvenementCampagne, Question, Reponse, ReponseConsolidee

FICHIER_QUESTIONS = Path(__file__).resolve().parent / "questions.json"


def questions_charger(*, enregistrer, bilan, mettre_a_jour: bool = False) -> None:
    """Charge la grille de questions (appelé par `referentiel_charger`, idempotent)."""
    with FICHIER_QUESTIONS.open(encoding="utf-8") as fichier:
        donnees = json.load(fichier)
    dimensions = {d.numero: d for d in Dimension.objects.all()}
    pratiques = {p.code: p for p in Pratique.objects.all()}
    for bloc in donnees["dimensions"]:
        for ordre, question in enumerate(bloc["questions"], start=1):
            objet = enregistrer(
                Question,
                bilan,
                dimension=dimensions[bloc["numero"]],
                ordre=ordre,
                defaults={"intitule": question["intitule"], "aide": question["aide"]},
                mettre_a_jour=mettre_a_jour,
            )
            if mettre_a_jour or not objet.pratiques.exists():
                objet.pratiques.set([pratiques[code] for code in question["pratiques"]])


@transaction.atomic
def campagne_ouvrir(*, collectivite, titre: str, date, auteur) -> Campagne:
    campagne = Campagne(collectivite=collectivite, titre=titre, date=date, ouverte_par=auteur)
    campagne.full_clean()
    campagne.save()
    EvenementCampagne.objects.create(
        campagne=campagne, type=TypeEvenementCampagne.OUVERTURE, auteur=auteur
    )
    return campagne


@transaction.atomic
def campagne_cloturer(*, campagne: Campagne, auteur) -> Campagne:
    """Clôt la campagne : ses résultats deviennent définitifs.

    Les questions répondues mais pas encore consolidées sont retenues au niveau le plus
    proche de la moyenne des réponses (« non concerné » si tous l'ont dit) ; la page de
    confirmation les annonce avant. Les questions sans aucune réponse restent sans note.
    """
    campagne = Campagne.objects.select_for_update().get(pk=campagne.pk)
    if not campagne.ouverte:
        raise ValidationError("Cette campagne est déjà close.")
    manques = selectors.cloture_manques(campagne)
    a_creer = []
    for ligne in manques.a_retenir:
        consolidee = ReponseConsolidee(
            campagne=campagne,
            question=ligne.question,
            niveau=ligne.niveau_propose,
            non_concerne=ligne.moyenne_individuelle is None,
            moyenne_individuelle=(
                None if ligne.moyenne_individuelle is None else round(ligne.moyenne_individuelle, 2)
            ),
            consolidee_par=auteur,
        )
        consolidee.full_clean(exclude=["campagne", "question"])
        a_creer.append(consolidee)
    ReponseConsolidee.objects.bulk_create(a_creer)
    campagne.cloturee_le = timezone.now()
    campagne.cloturee_par = auteur
    campagne.save(update_fields=["cloturee_le", "cloturee_par"])
    EvenementCampagne.objects.create(
        campagne=campagne, type=TypeEvenementCampagne.CLOTURE, auteur=auteur
    )
    return campagne


@transaction.atomic
def campagne_rouvrir(*, campagne: Campagne, auteur, raison: str) -> Campagne:
    """Rouvre une campagne close, tant qu'aucune campagne plus récente n'existe."""
    campagne = Campagne.objects.select_for_update().get(pk=campagne.pk)
    if campagne.ouverte:
        raise ValidationError("Cette campagne est déjà ouverte.")
    if not raison.strip():
        raise ValidationError({"raison": "Indiquez la raison de la réouverture."})
    if not selectors.campagne_rouvrable(campagne):
        raise ValidationError(
            "Une campagne plus récente existe : celle-ci ne peut plus être rouverte."
        )
    campagne.cloturee_le = None
    campagne.cloturee_par = None
    campagne.full_clean()
    campagne.save(update_fields=["cloturee_le", "cloturee_par"])
    EvenementCampagne.objects.create(
        campagne=campagne,
        type=TypeEvenementCampagne.REOUVERTURE,
        auteur=auteur,
        raison=raison.strip(),
    )
    return campagne


@dataclass
class Saisie:
    """Ce qu'un formulaire a reçu pour une question : niveau 1–5, « non concerné » ou rien."""

    question: Question
    niveau: int | None
    non_concerne: bool
    commentaire: str = ""
    raison: str = ""


_NIVEAUX = dict(Barometre.choices)
_CHAMPS_REPONSE = [
    ("niveau", "niveau"),
    ("non_concerne", "non concerné"),
    ("commentaire", "commentaire"),
    ("raison", "raison de l'écart"),
]


def _etat(reponse) -> dict:
    """Ce que l'historique garde d'une réponse : le niveau par son libellé."""
    if reponse is None:
        return {}
    etat = {champ: getattr(reponse, champ, None) for champ, _ in _CHAMPS_REPONSE}
    etat["niveau"] = (
        f"{reponse.niveau} – {_NIVEAUX[reponse.niveau]}" if reponse.niveau is not None else None
    )
    return etat


def _changements_reponse(question, avant: dict, apres: dict) -> list[dict]:
    """Les champs changés d'une réponse, préfixés du code de la question (« 1.2 niveau »)."""
    resultat = []
    for champ, libelle in _CHAMPS_REPONSE:
        if champ not in apres:
            continue
        valeur_avant = avant.get(champ) or None
        valeur_apres = apres.get(champ) or None
        if champ == "non_concerne":
            valeur_avant, valeur_apres = bool(avant.get(champ)), bool(apres.get(champ))
            if not avant and not valeur_apres:
                continue
        if valeur_avant != valeur_apres:
            resultat.append(
                changement(f"question {question.code} – {libelle}", valeur_avant, valeur_apres)
            )
    return resultat


def _historique_reponses(*, campagne, auteur, libelle: str, changements: list) -> None:
    historique_enregistrer(
        collectivite=campagne.collectivite_id,
        auteur=auteur,
        action=ActionHistorique.MODIFICATION,
        objet=campagne,
        objet_libelle=f"{campagne.titre} — {libelle}",
        changements=changements,
    )


def _exiger_ouverte(campagne: Campagne) -> None:
    if not campagne.ouverte:
        raise ValidationError("Cette campagne est close : ses réponses ne changent plus.")


@transaction.atomic
def reponses_enregistrer(*, campagne: Campagne, membre, saisies: list[Saisie]) -> int:
    """Enregistre les réponses d'un membre (toutes ou une partie) ; renvoie le nombre modifié."""
    campagne = Campagne.objects.select_for_update().get(pk=campagne.pk)
    _exiger_ouverte(campagne)
    existantes = {
        r.question_id: r for r in Reponse.objects.filter(campagne=campagne, membre=membre)
    }
    a_creer, a_modifier, changements = [], [], []
    for saisie in saisies:
        reponse = existantes.get(saisie.question.pk)
        avant = _etat(reponse)
        valeurs = (saisie.niveau, saisie.non_concerne, saisie.commentaire.strip())
        if reponse is None:
            if valeurs == (None, False, ""):
                continue
            reponse = Reponse(campagne=campagne, question=saisie.question, membre=membre)
            a_creer.append(reponse)
        elif (reponse.niveau, reponse.non_concerne, reponse.commentaire) == valeurs:
            continue
        else:
            a_modifier.append(reponse)
        reponse.niveau, reponse.non_concerne, reponse.commentaire = valeurs
        reponse.modifiee_le = timezone.now()
        reponse.full_clean(exclude=["campagne", "question", "membre"])
        apres = {k: v for k, v in _etat(reponse).items() if k != "raison"}
        changements += _changements_reponse(saisie.question, avant, apres)
    Reponse.objects.bulk_create(a_creer)
    Reponse.objects.bulk_update(
        a_modifier, ["niveau", "non_concerne", "commentaire", "modifiee_le"]
    )
    _historique_reponses(
        campagne=campagne,
        auteur=membre,
        libelle=f"réponses de {membre.utilisateur}",
        changements=changements,
    )
    return len(a_creer) + len(a_modifier)


def ecart_sans_raison(saisie: Saisie, moyenne) -> bool:
    """Le référent s'écarte de la moyenne des réponses sans dire pourquoi."""
    propose = scores.niveau_propose(moyenne)
    if propose is None:
        return False
    retenu = None if saisie.non_concerne else saisie.niveau
    return retenu != propose and not saisie.raison.strip()


@transaction.atomic
def consolidation_enregistrer(
    *, campagne: Campagne, auteur, saisies: list[Saisie], moyennes: dict
) -> int:
    """Fixe les réponses consolidées ; un écart à la moyenne exige une raison."""
    campagne = Campagne.objects.select_for_update().get(pk=campagne.pk)
    _exiger_ouverte(campagne)
    erreurs = [
        f"Question {s.question.code} : indiquez la raison de l'écart avec la moyenne."
        for s in saisies
        if ecart_sans_raison(s, moyennes.get(s.question.pk))
    ]
    if erreurs:
        raise ValidationError(erreurs)
    existantes = {r.question_id: r for r in ReponseConsolidee.objects.filter(campagne=campagne)}
    a_creer, a_modifier, changements = [], [], []
    for saisie in saisies:
        if saisie.niveau is None and not saisie.non_concerne:
            continue
        consolidee = existantes.get(saisie.question.pk)
        avant = _etat(consolidee)
        if consolidee is None:
            consolidee = ReponseConsolidee(campagne=campagne, question=saisie.question)
            a_creer.append(consolidee)
        else:
            a_modifier.append(consolidee)
        consolidee.niveau = None if saisie.non_concerne else saisie.niveau
        consolidee.non_concerne = saisie.non_concerne
        consolidee.commentaire = saisie.commentaire.strip()
        consolidee.raison = saisie.raison.strip()
        moyenne = moyennes.get(saisie.question.pk)
        consolidee.moyenne_individuelle = None if moyenne is None else round(moyenne, 2)
        consolidee.consolidee_par = auteur.utilisateur if auteur is not None else None
        consolidee.modifiee_le = timezone.now()
        consolidee.full_clean(exclude=["campagne", "question"])
        changements += _changements_reponse(saisie.question, avant, _etat(consolidee))
    ReponseConsolidee.objects.bulk_create(a_creer)
    ReponseConsolidee.objects.bulk_update(
        a_modifier,
        [
            "niveau",
            "non_concerne",
            "commentaire",
            "raison",
            "moyenne_individuelle",
            "consolidee_par",
            "modifiee_le",
        ],
    )
    _historique_reponses(
        campagne=campagne, auteur=auteur, libelle="réponses consolidées", changements=changements
    )
    return len(a_creer) + len(a_modifier)
