from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from collectivites.demo import MOT_DE_PASSE
from strategie_nr.demo import demo_charger
from strategie_nr.referentiel.models import Axe


class Command(BaseCommand):
    help = "Charge les données de démonstration (refuse de s'exécuter si DEBUG est désactivé)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Les données de démonstration ne se chargent qu'en développement (DEBUG=True) : "
                "elles créent des comptes au mot de passe connu."
            )
        if not Axe.objects.exists():
            raise CommandError("Chargez d'abord le référentiel : manage.py charger_referentiel.")
        contexte = demo_charger()
        self.stdout.write("Données de démonstration prêtes. Comptes (mot de passe commun) :")
        for email, role, code in contexte["comptes"]:
            self.stdout.write(f"  {email:<26} {role:<32} collectivité {code}")
        self.stdout.write(f"  Mot de passe : {MOT_DE_PASSE}")
