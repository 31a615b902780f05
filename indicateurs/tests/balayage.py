"""URL des indicateurs pour le balayage d'isolation."""

from indicateurs.models import IndicateurSuivi, Objectif


def _suivi(d):
    return {
        "pk": IndicateurSuivi.objects.for_collectivite(d.commune)
        .filter(definition__mode="saisi")
        .order_by("pk")
        .first()
        .pk
    }


def _objectif(d):
    return {"pk": Objectif.objects.for_collectivite(d.commune).order_by("pk").first().pk}


PARAMETRES = {
    "indicateurs:suivi": _suivi,
    "indicateurs:modifier": _suivi,
    "indicateurs:cibles": _suivi,
    "indicateurs:valeur": _suivi,
    "indicateurs:figer": _suivi,
    "indicateurs:objectif_modifier": _objectif,
    "indicateurs:objectif_supprimer": _objectif,
    "indicateurs:export": lambda d: {"format": "csv"},
}

SANS_OBJET_DE_COLLECTIVITE = {
    "indicateurs:index",
    "indicateurs:suivre",
    "indicateurs:creer",
    "indicateurs:objectif_creer",
    "indicateurs:export",
}


def grossir(d):
    """Plus d'indicateurs suivis, avec valeurs, cibles et objectifs ; plus d'historique."""
    from decimal import Decimal

    from indicateurs import services
    from indicateurs.models import DefinitionIndicateur

    auteur = d.referent
    nouvelles = DefinitionIndicateur.objects.filter(collectivite=None, mode="saisi").exclude(
        suivis__collectivite=d.commune
    )[:4]
    for definition in nouvelles:
        suivi = services.suivi_creer(
            collectivite=d.commune,
            definition=definition,
            responsable=d.agent,
            annee_base=2021,
            valeur_base=Decimal(1),
            auteur=auteur,
        )
        services.cibles_enregistrer(
            suivi=suivi, auteur=auteur, cibles={2026: Decimal(3), 2027: Decimal(4)}
        )
        for annee in range(2021, 2026):
            services.valeur_enregistrer(
                suivi=suivi, auteur=auteur, annee=annee, valeur=Decimal(1), source="Ajout"
            )
        services.objectif_enregistrer(
            objectif=Objectif(
                collectivite=d.commune,
                axe=definition.axe,
                enonce=f"Objectif ajouté : {definition.libelle}",
                suivi=suivi,
                annee_cible=2027,
                valeur_cible=Decimal(4),
            )
        )
    affiche = IndicateurSuivi.objects.get(**_suivi(d))
    for annee in range(2016, 2021):
        services.valeur_enregistrer(
            suivi=affiche, auteur=auteur, annee=annee, valeur=Decimal(1), commentaire="Reprise"
        )
