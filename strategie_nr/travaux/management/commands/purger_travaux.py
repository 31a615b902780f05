from django.core.management.base import BaseCommand

from strategie_nr.travaux.services import travaux_purger


class Command(BaseCommand):
    help = (
        "Efface les travaux en arrière-plan terminés ou échoués depuis plus de N jours (7 par "
        "défaut), avec les fichiers qu'ils gardaient. À lancer chaque nuit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jours", type=int, default=7)

    def handle(self, *args, jours, **options):
        nombre = travaux_purger(jours=jours)
        self.stdout.write(f"{nombre} travail(s) effacé(s).")
