from django.conf import settings
from django.core.management.base import BaseCommand

from strategie_nr.taches import rappels_envoyer


class Command(BaseCommand):
    help = (
        "Envoie à chaque personne le récapitulatif de ses tâches (à lancer chaque semaine) ; "
        "rien à qui n'a rien à faire ou s'est désabonné dans son profil."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--adresse",
            default=settings.ADRESSE_PUBLIQUE,
            help="Adresse publique de l'application, pour les liens (ADRESSE_PUBLIQUE).",
        )

    def handle(self, *args, adresse, **options):
        nombre = rappels_envoyer(adresse=adresse)
        self.stdout.write(
            f"{nombre} récapitulatif{'s' if nombre > 1 else ''} envoyé{'s' if nombre > 1 else ''}."
        )
