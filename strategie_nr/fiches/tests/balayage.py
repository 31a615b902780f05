"""URL des fiches et de la feuille de route pour le balayage d'isolation."""

from strategie_nr.fiches.models import FicheAction, VersionFeuilleDeRoute


def _fiche(d):
    return FicheAction.objects.for_collectivite(d.commune).order_by("pk").first().pk


def _version(d):
    return VersionFeuilleDeRoute.objects.for_collectivite(d.commune).order_by("pk").first().pk


PARAMETRES = {
    "fiches:version": lambda d: {"pk": _version(d)},
    "fiches:soumettre": lambda d: {"pk": _version(d)},
    "fiches:decision": lambda d: {"pk": _version(d)},
    "fiches:fiche": lambda d: {"pk": _fiche(d)},
    "fiches:modifier": lambda d: {"pk": _fiche(d)},
    "fiches:supprimer": lambda d: {"pk": _fiche(d)},
    "fiches:commenter": lambda d: {"pk": _fiche(d)},
}

# Pages de la collectivité courante : un membre de l'EPCI y voit les siennes.
SANS_OBJET_DE_COLLECTIVITE = {
    "fiches:index",
    "fiches:creer",
    "fiches:nouvelle_version",
    "fiches:comparer",
    "fiches:historique",
}

POST_PERMIS_A_L_ELU = set()

# Import d'un plan d'action et export XLSX : toujours dans la collectivité courante.
SANS_OBJET_DE_COLLECTIVITE |= {
    "fiches:importer",
    "fiches:import_apercu",
    "fiches:import_annuler",
    "fiches:exporter",
}


def grossir(d):
    """Plus de fiches dans la version de travail, chacune avec toutes ses lignes ; plus de
    commentaires (avec mentions) sur la fiche des pages balayées."""
    import datetime
    import uuid

    from strategie_nr.fiches.services import commentaire_ajouter

    fiche = FicheAction.objects.for_collectivite(d.commune).order_by("pk").first()
    for rang in range(5):
        commentaire_ajouter(
            fiche=fiche,
            auteur=d.agent,
            texte=f"Point {rang} pour @{d.referent.utilisateur.email.split('@')[0]}",
            jeton=uuid.uuid4(),
        )

    from indicateurs.models import IndicateurSuivi
    from strategie_nr.fiches.services import fiche_creer
    from strategie_nr.referentiel.models import Axe, Pratique

    suivi = IndicateurSuivi.objects.for_collectivite(d.commune).order_by("pk").first()
    pratique = Pratique.objects.order_by("pk").first()
    for rang, axe in enumerate(Axe.objects.order_by("numero")):
        fiche_creer(
            collectivite=d.commune,
            auteur=d.referent,
            donnees={
                "axe": axe,
                "titre": f"Fiche ajoutée {rang}",
                "pratique": pratique if rang % 2 else None,
                "levier_libre": "" if rang % 2 else "Levier libre",
                "priorite": 1 + rang % 3,
                "difficulte": 1 + (rang + 1) % 3,
                "debut": datetime.date(2025, 1 + rang, 1),  # les budgets commencent en 2025
                "fin": datetime.date(2027, 1 + rang, 1),
                "responsable": d.agent if rang % 2 else d.referent,
                "budget": 3000,
                "moyens_humains": 4,
                "moyens_unite": "jh",
                "perimetres": ["dsi", "territoire"],
            },
            contributeurs=[d.agent, d.referent],
            indicateurs=[
                {"libelle": "Indicateur relié", "indicateur_suivi": suivi, "valeur_cible": 5},
                {"libelle": "Indicateur libre", "valeur_cible": 2},
            ],
            sous_actions=[
                {"quoi": "Étape une", "qui": "DSI", "echeance": datetime.date(2026, 3, 1)},
                {"quoi": "Étape deux", "qui": "RH", "fait": True},
            ],
            budgets=[
                {"annee": 2025, "montant": 1000, "depense": 800},
                {"annee": 2026, "montant": 2000},
            ],
        )
