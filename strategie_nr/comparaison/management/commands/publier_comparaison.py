import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from strategie_nr.comparaison.models import Statistique
from strategie_nr.comparaison.selectors import derniere_publication
from strategie_nr.comparaison.services import comparaison_publier
from strategie_nr.plateforme import formats

# Une publication par nuit : deux publications rapprochées montreraient, par différence,
# l'effet d'une seule adhésion ou d'un seul retrait.
INTERVALLE_MIN = datetime.timedelta(hours=20)


class Command(BaseCommand):
    help = (
        "Arrête les chiffres de la comparaison anonyme pour toutes les collectivités "
        "participantes (à planifier chaque nuit ; au plus une fois toutes les 20 heures)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--forcer",
            action="store_true",
            help="Publier même si la dernière publication a moins de 20 heures.",
        )

    def handle(self, *args, forcer=False, **options):
        precedente = derniere_publication()
        if (
            precedente is not None
            and not forcer
            and timezone.now() - precedente.publiee_le < INTERVALLE_MIN
        ):
            quand = timezone.localtime(precedente.publiee_le)
            self.stdout.write(
                f"Rien à faire : la comparaison a été publiée le {formats.date_courte(quand)} "
                f"à {quand:%H:%M}, il y a moins de 20 heures (--forcer pour publier quand même)."
            )
            return
        publication = comparaison_publier()
        groupes = Statistique.objects.filter(publication=publication).count()
        self.stdout.write(
            f"Comparaison publiée (année close {publication.annee}) : "
            f"{groupes} statistiques de groupe."
        )
