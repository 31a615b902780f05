from django.core.management.base import BaseCommand, CommandError

from strategie_nr.documents.rendu import bilan_html, pdf_depuis_html
from strategie_nr.documents.selectors import version_du_bilan

from ._outils import collectivite_par_code, ecrire


class Command(BaseCommand):
    help = "Écrit le PDF du bilan annuel de la stratégie (art. L. 2311-1-1 CGCT)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="code INSEE (commune) ou SIREN")
        parser.add_argument("--annee", type=int, required=True, help="année du bilan")
        parser.add_argument("-o", "--sortie", required=True, help="fichier PDF à écrire")

    def handle(self, *args, code, annee, sortie, **options):
        if not 2000 <= annee <= 2100:
            raise CommandError(f"L'année {annee} n'est pas plausible.")
        collectivite = collectivite_par_code(code)
        html = bilan_html(
            collectivite=collectivite, version=version_du_bilan(collectivite), annee=annee
        )
        contenu = pdf_depuis_html(html)
        fichier = ecrire(sortie, contenu)
        self.stdout.write(f"{fichier} écrit ({len(contenu)} octets).")
