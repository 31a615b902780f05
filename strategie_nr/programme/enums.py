from django.db import models


class NaturePartiePrenante(models.TextChoices):
    COLLECTIVITE = "collectivite", "Collectivité ou groupement"
    ETAT = "etat", "État et services déconcentrés"
    ENTREPRISE = "entreprise", "Entreprise"
    ESS = "ess", "ESS / association"
    REPARATEUR = "reparateur", "Réparateur"
    ECO_ORGANISME = "eco_organisme", "Éco-organisme"
    ETABLISSEMENT_SCOLAIRE = "etablissement_scolaire", "Établissement scolaire"
    ENSEIGNEMENT_SUPERIEUR = "enseignement_superieur", "Enseignement supérieur et recherche"
    AUTRE = "autre", "Autre"


# Le décret demande un programme de travail « avec les acteurs publics et privés du territoire ».
NATURES_PUBLIQUES = frozenset(
    {
        NaturePartiePrenante.COLLECTIVITE,
        NaturePartiePrenante.ETAT,
        NaturePartiePrenante.ETABLISSEMENT_SCOLAIRE,
        NaturePartiePrenante.ENSEIGNEMENT_SUPERIEUR,
    }
)
NATURES_PRIVEES = frozenset(
    {
        NaturePartiePrenante.ENTREPRISE,
        NaturePartiePrenante.ESS,
        NaturePartiePrenante.REPARATEUR,
        NaturePartiePrenante.ECO_ORGANISME,
    }
)


# Les objets du programme de travail dans l'historique commun (« application.modèle »).
TYPES_HISTORIQUE = ("programme.partieprenante", "programme.bilanimpact", "programme.actionengagee")
