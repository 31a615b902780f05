from django.core.management.base import BaseCommand

from strategie_nr.comparaison.models import Statistique
from strategie_nr.comparaison.services import comparaison_publier


class Command(BaseCommand):
    help = (
        "Arrête les chiffres de la comparaison anonyme pour toutes les collectivités "
        "participantes (à planifier chaque nuit)."
    )

    def handle(self, *args, **options):
        publication = comparaison_publier()
        groupes = Statistique.objects.filter(publication=publication).count()
        self.stdout.write(
            f"Comparaison publiée (année close {publication.annee}) : "
            f"{groupes} statistiques de groupe."
        )
