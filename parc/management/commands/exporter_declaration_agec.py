from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from collectivites.models import Collectivite
from parc import conformite, exports


class Command(BaseCommand):
    help = (
        "Écrit la déclaration annuelle AGEC (art. 58, décret n° 2024-134 ; arrêté du 13 janvier "
        "2025) d'une collectivité au format du schéma national, à déposer sur data.gouv.fr "
        "avant le 30 juin de l'année suivante."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Code INSEE (commune) ou SIREN de la collectivité")
        parser.add_argument(
            "--annee", type=int, required=True, help="Année civile des dépenses, par exemple 2025"
        )
        parser.add_argument(
            "-o", "--sortie", default="-", help="Fichier CSV à écrire (« - » : sortie standard)"
        )

    def handle(self, *args, code, annee, sortie, **options):
        collectivite = Collectivite.objects.filter(code_officiel=code.strip().upper()).first()
        if collectivite is None:
            raise CommandError(f"Aucune collectivité n'a le code INSEE ou SIREN « {code} ».")
        if not 2021 <= annee <= timezone.localdate().year:
            raise CommandError(f"Année {annee} refusée : de 2021 à l'année en cours.")
        try:
            lignes = conformite.declaration_agec_lignes(collectivite, annee)
        except conformite.DeclarationImpossible as erreur:
            raise CommandError(str(erreur)) from erreur
        contenu = exports.declaration_agec_csv(lignes, conformite.CHAMPS_DECLARATION)
        if sortie == "-":
            self.stdout.write(contenu.decode("utf-8"), ending="")
            return
        Path(sortie).write_bytes(contenu)
        echeance = conformite.echeance_declaration_agec(annee)
        self.stdout.write(
            f"{len(lignes)} catégorie(s) écrite(s) dans {sortie}. À déposer sur data.gouv.fr "
            f"au plus tard le {echeance:%d/%m/%Y} (arrêté du 13 janvier 2025, art. 3)."
        )
