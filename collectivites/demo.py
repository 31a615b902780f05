"""Données de démonstration : deux collectivités et leurs comptes."""

import datetime

from django.db import transaction

from .enums import Nature, Role
from .models import Collectivite, Membre, Utilisateur

MOT_DE_PASSE = "demo-strategie-nr"

COLLECTIVITES = [
    {
        "code_officiel": "45999",
        "siret": "21450999400015",
        "nom": "Ville de Démo-sur-Loire",
        "nature": Nature.COMMUNE,
        "population": 82_000,
        "nombre_agents": 1_450,
        # Étape 2 : la démarche a été lancée en conseil municipal avant le diagnostic.
        "lancement_officiel_le": datetime.date(2024, 2, 8),
    },
    {
        "code_officiel": "999999998",
        "nom": "Communauté d'agglomération du Val Démo",
        "nature": Nature.EPCI,
        "population": 120_000,
        "nombre_agents": 600,
    },
]

COMPTES = [
    # (e-mail, prénom, nom, code de la collectivité, rôle, fonction)
    ("referent@demo.test", "Claire", "Martin", "45999", Role.REFERENT, "Cheffe de projet NR, DSI"),
    ("agent@demo.test", "Karim", "Benali", "45999", Role.AGENT, "Gestionnaire de parc, DSI"),
    ("achats@demo.test", "Nadia", "Lefèvre", "45999", Role.AGENT, "Acheteuse, commande publique"),
    ("formation@demo.test", "Julien", "Roux", "45999", Role.AGENT, "Responsable formation, RH"),
    ("elu@demo.test", "Sophie", "Durand", "45999", Role.ELU, "Adjointe au numérique"),
    ("referent@valdemo.test", "Marc", "Petit", "999999998", Role.REFERENT, "DSI mutualisée"),
]


@transaction.atomic
def charger() -> dict:
    collectivites = {}
    for donnees in COLLECTIVITES:
        collectivite, cree = Collectivite.objects.get_or_create(
            code_officiel=donnees["code_officiel"], defaults=donnees
        )
        if cree:
            collectivite.full_clean()
        collectivites[collectivite.code_officiel] = collectivite
    membres = {}
    for email, prenom, nom, code, role, fonction in COMPTES:
        utilisateur = Utilisateur.objects.filter(email=email).first()
        if utilisateur is None:
            utilisateur = Utilisateur.objects.create_user(
                email=email, password=MOT_DE_PASSE, first_name=prenom, last_name=nom
            )
        membre, _ = Membre.objects.get_or_create(
            collectivite=collectivites[code],
            utilisateur=utilisateur,
            defaults={"role": role, "fonction": fonction},
        )
        membres[email] = membre
    return {
        "commune": collectivites["45999"],
        "epci": collectivites["999999998"],
        "membres": membres,
        "comptes": [(email, role.label, code) for email, _, _, code, role, _ in COMPTES],
    }
