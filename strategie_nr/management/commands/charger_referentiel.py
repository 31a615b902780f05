from django.core.management.base import BaseCommand

from strategie_nr.referentiel.services import referentiel_charger


class Command(BaseCommand):
    help = (
        "Charge le référentiel commun (axes REEN, bonnes pratiques, grille de maturité, étapes "
        "de l'ANCT, types d'équipement). Idempotent : ne crée que ce qui manque."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--mettre-a-jour",
            action="store_true",
            help="Remplace aussi les lignes existantes par le contenu des fichiers sources.",
        )

    def handle(self, *args, **options):
        bilan = referentiel_charger(mettre_a_jour=options["mettre_a_jour"])
        if not bilan.crees and not bilan.mis_a_jour:
            self.stdout.write("Référentiel déjà à jour : rien à créer.")
        for nom, nombre in bilan.crees.items():
            self.stdout.write(f"{nombre} {nom} créé(e)s.")
        for nom, nombre in bilan.mis_a_jour.items():
            self.stdout.write(f"{nombre} {nom} mis(es) à jour.")
