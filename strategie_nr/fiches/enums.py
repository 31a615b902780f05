from django.db import models


class StatutVersion(models.TextChoices):
    BROUILLON = "brouillon", "Brouillon"
    SOUMISE = "soumise", "Soumise"
    VALIDEE = "validee", "Validée"
    RENVOYEE = "renvoyee", "Renvoyée"


class StatutFiche(models.TextChoices):
    A_VENIR = "a_venir", "À venir"
    EN_COURS = "en_cours", "En cours"
    REALISEE = "realisee", "Réalisée"
    EN_PAUSE = "en_pause", "En pause"
    ABANDONNEE = "abandonnee", "Abandonnée"


# Statut calculé, jamais enregistré : la fin est passée et la fiche n'est ni réalisée ni abandonnée.
EN_RETARD = ("en_retard", "En retard")


class Engagement(models.TextChoices):
    REFLEXION = "reflexion", "Réflexion"
    EXPERIMENTATION = "experimentation", "Expérimentation"
    REALISATION = "realisation", "Réalisation"


class Niveau(models.IntegerChoices):
    """Priorité ou difficulté d'une fiche, affichée ●○○ à ●●●."""

    FAIBLE = 1, "●○○"
    MOYEN = 2, "●●○"
    FORT = 3, "●●●"


LIBELLES_PRIORITE = {1: "Aller plus loin", 2: "Recommandée", 3: "Prioritaire"}
LIBELLES_DIFFICULTE = {1: "Facile", 2: "Moyenne", 3: "Difficile"}

# Correspondance avec les niveaux du guide de bonnes pratiques.
PRIORITE_DEPUIS_GUIDE = {"prioritaire": 3, "recommandee": 2, "aller_plus_loin": 1}
DIFFICULTE_DEPUIS_GUIDE = {"facile": 1, "moyenne": 2, "difficile": 3}


class UniteMoyens(models.TextChoices):
    JH = "jh", "jours-homme (JH)"
    ETP = "etp", "équivalents temps plein (ETP)"


class Perimetre(models.TextChoices):
    DSI = "dsi", "La DSI"
    SERVICES_GENERAUX = "services_generaux", "Les services généraux de la collectivité"
    TOUS_SERVICES = "tous_services", "Tous les services et équipements de la collectivité"
    TERRITOIRE = "territoire", "Le territoire"


class TypeEvenement(models.TextChoices):
    """Le cycle de vie d'une version ; les modifications des fiches vont dans l'historique
    commun (`strategie_nr.plateforme`)."""

    VERSION_CREEE = "version_creee", "Version créée"
    VERSION_SOUMISE = "version_soumise", "Version soumise"
    VERSION_VALIDEE = "version_validee", "Version validée"
    VERSION_RENVOYEE = "version_renvoyee", "Version renvoyée"
