from django.db import models


class Origine(models.TextChoices):
    NEUF = "neuf", "Neuf"
    RECONDITIONNE = "reconditionne", "Reconditionné (réemploi externe)"
    REEMPLOI_INTERNE = "reemploi_interne", "Réemploi interne"
    REPARE = "repare", "Réparé ou remis en état"
    DON_RECU = "don_recu", "Don reçu"


# Origines qui ne sont pas des achats de l'année (AGEC, art. 58) : le réemploi interne n'est
# pas une acquisition ; un don reçu compte à sa valeur forfaitaire, pas à un prix payé.
ORIGINES_HORS_ACHAT = {Origine.REEMPLOI_INTERNE, Origine.DON_RECU}


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
    REPRISE_ECO_ORGANISME = "reprise_eco", "Reprise par un éco-organisme agréé, pour réemploi"
    # Un équipement réformé importé sans destination (GLPI « Rebut », « Hors service ») : la
    # ligne est gardée, et la liste du parc la montre « À compléter ».
    NON_RENSEIGNEE = "non_renseignee", "Non renseignée"


# Destinations par lesquelles un matériel réformé peut être réemployé ou réutilisé (décret
# n° 2023-266 du 12 avril 2023, art. 2) : elles ne comptent qu'avec l'engagement du preneur.
CANAUX_REEMPLOI_REEN = {
    Destination.CESSION,
    Destination.VENTE,
    Destination.DON,
    Destination.REPRISE,
    Destination.REPRISE_ECO_ORGANISME,
}


# Destinations pour lesquelles on garde le bénéficiaire (traçabilité).
AVEC_BENEFICIAIRE = {Destination.DON, Destination.VENTE, Destination.CESSION}
