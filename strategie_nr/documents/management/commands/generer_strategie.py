from django.core.management.base import BaseCommand, CommandError

from strategie_nr.documents.selectors import version_a_imprimer
from strategie_nr.documents.services import document_strategie, document_strategie_word

from ._outils import collectivite_par_code, ecrire, format_de_sortie


class Command(BaseCommand):
    help = (
        "Écrit la stratégie d'une collectivité, en PDF ou en Word selon l'extension du fichier "
        "(.pdf ou .docx) : le document officiel enregistré pour une version validée (en Word, "
        "écrit depuis son contenu figé), sinon un projet rendu à la demande (« PROJET »)."
    )

    def add_arguments(self, parser):
        # --version désigne ici la version de la stratégie, pas celle de Django.
        parser.conflict_handler = parser._optionals.conflict_handler = "resolve"
        parser.add_argument("code", help="code INSEE (commune) ou SIREN")
        parser.add_argument(
            "-o", "--sortie", required=True, help="fichier à écrire (.pdf ou .docx)"
        )
        parser.add_argument(
            "--version", type=int, dest="numero", help="numéro de version (défaut : la courante)"
        )

    def handle(self, *args, code, sortie, numero=None, **options):
        format_ = format_de_sortie(sortie)
        collectivite = collectivite_par_code(code)
        version = version_a_imprimer(collectivite, numero)
        if numero is not None and version is None:
            raise CommandError(f"{collectivite} n'a pas de version {numero}.")
        produire = document_strategie_word if format_ == "docx" else document_strategie
        contenu, officiel = produire(collectivite=collectivite, version=version)
        fichier = ecrire(sortie, contenu)
        nature = "document officiel" if officiel else "projet"
        self.stdout.write(f"{fichier} écrit ({nature}, {len(contenu)} octets).")
