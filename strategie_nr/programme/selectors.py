"""Lectures du programme de travail, pour ses pages, le tableau de bord et le PDF."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from collectivites.models import Collectivite
from parc.selectors import chiffres_cles
from strategie_nr.etapes import Controle

from .enums import NATURES_PRIVEES, NATURES_PUBLIQUES, NaturePartiePrenante
from .models import ActionEngagee, BilanImpact, PartiePrenante


def parties_prenantes_de(
    collectivite, *, nature: str = "", qualirepar: bool = False, texte: str = ""
):
    """Parties prenantes de la collectivité, filtrées (nature, label QualiRépar, texte libre)."""
    requete = PartiePrenante.objects.for_collectivite(collectivite).avec_dernier_auteur()
    if nature:
        requete = requete.filter(nature=nature)
    if qualirepar:
        requete = requete.filter(label_qualirepar=True)
    if texte:
        requete = requete.filter(
            Q(nom__icontains=texte) | Q(role__icontains=texte) | Q(contact__icontains=texte)
        )
    return requete


def actions_engagees_de(collectivite):
    return (
        ActionEngagee.objects.for_collectivite(collectivite)
        .select_related("axe")
        .avec_dernier_auteur()
        .order_by("axe__numero", "depuis", "titre")
    )


def bilan_de(collectivite) -> BilanImpact | None:
    return BilanImpact.objects.for_collectivite(collectivite).avec_dernier_auteur().first()


def chiffres_parc(collectivite) -> list[tuple[str, object]] | None:
    """Chiffres clés du parc, en couples (libellé, valeur) ; None si le parc est vide."""
    return chiffres_cles(collectivite)


@dataclass
class ProgrammeDeTravail:
    """Le programme de travail d'une collectivité, prêt à afficher (page web ou PDF)."""

    collectivite: Collectivite
    parties_prenantes: list[PartiePrenante]
    bilan: BilanImpact | None
    actions_engagees: list[ActionEngagee]
    chiffres_parc: list[tuple[str, object]] | None = None
    parties_prenantes_par_nature: list[tuple[str, list[PartiePrenante]]] = field(
        default_factory=list
    )

    @property
    def rubriques_bilan(self) -> list[tuple[str, str]]:
        return self.bilan.rubriques if self.bilan else []


def programme_de_travail(collectivite) -> ProgrammeDeTravail:
    """Tout le programme de travail en trois requêtes (plus celles de la synthèse du parc)."""
    parties = list(parties_prenantes_de(collectivite))
    par_nature = [
        (libelle, [p for p in parties if p.nature == valeur])
        for valeur, libelle in NaturePartiePrenante.choices
    ]
    return ProgrammeDeTravail(
        collectivite=collectivite,
        parties_prenantes=parties,
        bilan=bilan_de(collectivite),
        actions_engagees=list(actions_engagees_de(collectivite)),
        chiffres_parc=chiffres_parc(collectivite),
        parties_prenantes_par_nature=[(libelle, liste) for libelle, liste in par_nature if liste],
    )


def controles_prerequis_programme(collectivite) -> list[Controle]:
    """Contrôles de l'étape 1 (ANCT) : une seule requête."""
    parties = PartiePrenante.objects.filter(collectivite=OuterRef("pk"))
    bilan_redige = BilanImpact.objects.filter(collectivite=OuterRef("pk"))
    for rubrique in BilanImpact.RUBRIQUES:
        bilan_redige = bilan_redige.exclude(**{rubrique: ""})
    etat = (
        Collectivite.objects.filter(pk=collectivite.pk)
        .annotate(
            publics=Exists(parties.filter(nature__in=NATURES_PUBLIQUES)),
            prives=Exists(parties.filter(nature__in=NATURES_PRIVEES)),
            bilan=Exists(bilan_redige),
            actions=Exists(ActionEngagee.objects.filter(collectivite=OuterRef("pk"))),
        )
        .values("publics", "prives", "bilan", "actions")
        .get()
    )
    return [
        Controle(
            "Les parties prenantes du territoire sont identifiées (acteurs publics et privés)",
            etat["publics"] and etat["prives"],
            reverse("programme:parties_prenantes"),
        ),
        Controle(
            "Le bilan de l'impact environnemental du numérique est rédigé",
            etat["bilan"],
            reverse("programme:bilan"),
        ),
        Controle(
            "Les actions déjà engagées sont recensées",
            etat["actions"],
            reverse("programme:actions"),
        ),
    ]
