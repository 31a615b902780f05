from django.core.management.base import BaseCommand, CommandError

from strategie_nr.documents.rendu import bilan_html, pdf_depuis_html
from strategie_nr.documents.selectors import version_du_bilan
from strategie_nr.documents.word import docx_depuis_html

from ._outils import collectivite_par_code, ecrire, format_de_sortie


class Command(BaseCommand):
    help = (
        "Écrit le bilan annuel de la stratégie (art. L. 2311-1-1 CGCT), en PDF ou en Word selon "
        "l'extension du fichier (.pdf ou .docx)."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="code INSEE (commune) ou SIREN")
        parser.add_argument("--annee", type=int, required=True, help="année du bilan")
        parser.add_argument(
            "-o", "--sortie", required=True, help="fichier à écrire (.pdf ou .docx)"
        )

    def handle(self, *args, code, annee, sortie, **options):
        format_ = format_de_sortie(sortie)
        if not 2000 <= annee <= 2100:
            raise CommandError(f"L'année {annee} n'est pas plausible.")
        collectivite = collectivite_par_code(code)
        html = bilan_html(
            collectivite=collectivite, version=version_du_bilan(collectivite), annee=annee
        )
        contenu = docx_depuis_html(html) if format_ == "docx" else pdf_depuis_html(html)
        fichier = ecrire(sortie, contenu)
        self.stdout.write(f"{fichier} écrit ({len(contenu)} octets).")
