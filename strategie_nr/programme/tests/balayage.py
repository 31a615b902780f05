"""URL du programme de travail pour le balayage d'isolation."""

from strategie_nr.programme.models import ActionEngagee, PartiePrenante


def _partie(d):
    return PartiePrenante.objects.for_collectivite(d.commune).order_by("pk").first().pk


def _action(d):
    return ActionEngagee.objects.for_collectivite(d.commune).order_by("pk").first().pk


PARAMETRES = {
    "programme:partie_prenante_modifier": lambda d: {"pk": _partie(d)},
    "programme:partie_prenante_supprimer": lambda d: {"pk": _partie(d)},
    "programme:action_modifier": lambda d: {"pk": _action(d)},
    "programme:action_supprimer": lambda d: {"pk": _action(d)},
}

# Pages de la collectivité courante : un membre de l'EPCI y voit les siennes.
SANS_OBJET_DE_COLLECTIVITE = {
    "programme:index",
    "programme:historique",
    "programme:parties_prenantes",
    "programme:partie_prenante_creer",
    "programme:bilan",
    "programme:bilan_modifier",
    "programme:actions",
    "programme:action_creer",
}

POST_PERMIS_A_L_ELU = set()


def grossir(d):
    """Plus de parties prenantes et d'actions déjà engagées."""
    from strategie_nr.programme import services
    from strategie_nr.programme.enums import NaturePartiePrenante
    from strategie_nr.referentiel.models import Axe

    auteur = d.referent
    natures = list(NaturePartiePrenante)
    for rang, axe in enumerate(Axe.objects.order_by("numero")):
        services.partie_prenante_creer(
            collectivite=d.commune,
            auteur=auteur,
            donnees={
                "nom": f"Acteur ajouté {rang}",
                "nature": natures[rang % len(natures)],
                "role": "Réemploi",
                "contact": "contact@acteur.test",
            },
        )
        services.action_engagee_creer(
            collectivite=d.commune,
            auteur=auteur,
            donnees={
                "axe": axe,
                "titre": f"Action ajoutée {rang}",
                "description": "Don des postes réformés",
                "depuis": 2020,
                "resultats": "Des postes donnés",
            },
        )
