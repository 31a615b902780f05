from django.db import models


class Origine(models.TextChoices):
    NEUF = "neuf", "Neuf"
    RECONDITIONNE = "reconditionne", "Reconditionné (réemploi externe)"
    REEMPLOI_INTERNE = "reemploi_interne", "Réemploi interne"
    REPARE = "repare", "Réparé ou remis en état"


class Statut(models.TextChoices):
    EN_SERVICE = "en_service", "En service"
    EN_STOCK = "en_stock", "En stock"
    EN_REPARATION = "en_reparation", "En réparation"
    REFORME = "reforme", "Réformé"


class Destination(models.TextChoices):
    REEMPLOI_INTERNE = "reemploi_interne", "Réemploi interne"
    DON = "don", "Don"
    VENTE = "vente", "Vente"
    CESSION = "cession", "Cession à une personne publique"
    DEEE = "deee", "DEEE collecté par un éco-organisme"
    AUTRE_FILIERE = "autre_filiere", "Autre filière agréée"
    REPRISE = "reprise", "Reprise par le fournisseur"
    # Un équipement réformé importé sans destination (GLPI « Rebut », « Hors service ») : la
    # ligne est gardée, et la liste du parc la montre « À compléter ».
    NON_RENSEIGNEE = "non_renseignee", "Non renseignée"


# Destinations pour lesquelles on garde le bénéficiaire (traçabilité).
AVEC_BENEFICIAIRE = {Destination.DON, Destination.VENTE, Destination.CESSION}


class Action(models.TextChoices):
    CREATION = "creation", "Création"
    MODIFICATION = "modification", "Modification"
    REFORME = "reforme", "Réforme"
    IMPORT = "import", "Import"
