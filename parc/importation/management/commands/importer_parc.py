from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from collectivites.models import Collectivite
from parc.importation.lecture import TAILLE_MAX_DEFAUT
from parc.importation.services import import_executer


class Command(BaseCommand):
    help = (
        "Importe un inventaire du parc (CSV ou XLSX : export GLPI, grille de l'ANCT, export de "
        "l'application), tout ou rien. Code de sortie non nul si le fichier est rejeté."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Code INSEE (commune) ou SIREN de la collectivité")
        parser.add_argument("fichier", help="Chemin du fichier CSV ou XLSX")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Tout vérifier et compter, sans rien enregistrer",
        )
        parser.add_argument(
            "--seulement-valides",
            action="store_true",
            help="Importer les lignes valides même si d'autres sont en erreur",
        )

    def handle(self, *args, code, fichier, dry_run, seulement_valides, **options):
        collectivite = Collectivite.objects.filter(code_officiel=code.strip().upper()).first()
        if collectivite is None:
            raise CommandError(f"Aucune collectivité n'a le code INSEE ou SIREN « {code} ».")
        chemin = Path(fichier)
        if not chemin.is_file():
            raise CommandError(f"Fichier introuvable : {fichier}")
        if chemin.stat().st_size > TAILLE_MAX_DEFAUT:
            raise CommandError(
                f"Fichier rejeté : il dépasse la taille maximale de "
                f"{TAILLE_MAX_DEFAUT // (1024 * 1024)} Mo. Découpez-le en plusieurs fichiers."
            )
        analyse = import_executer(
            collectivite=collectivite,
            auteur=None,
            nom_fichier=chemin.name,
            contenu=chemin.read_bytes(),
            seulement_valides=seulement_valides,
            essai=dry_run,
        )
        if analyse.refus:
            raise CommandError(f"Fichier rejeté : {analyse.refus}")
        self.stdout.write(f"{collectivite} — {chemin.name} ({analyse.format})")
        if analyse.colonnes_ignorees:
            self.stdout.write("Colonnes ignorées : " + ", ".join(analyse.colonnes_ignorees))
        self.stdout.write(f"Créés : {analyse.a_creer}")
        self.stdout.write(f"Mis à jour : {analyse.a_mettre_a_jour}")
        self.stdout.write(f"Rejetés : {analyse.rejetees}")
        for erreur in analyse.erreurs:
            self.stdout.write(f"  {erreur}")
        if analyse.nombre_erreurs > len(analyse.erreurs):
            self.stdout.write(f"  … et {analyse.nombre_erreurs - len(analyse.erreurs)} autres.")
        for avertissement in analyse.avertissements:
            self.stdout.write(f"  {avertissement}")
        if analyse.rejetees and not seulement_valides:
            raise CommandError(
                "Fichier rejeté : rien n'a été importé. Corrigez les lignes en erreur, ou "
                "relancez avec --seulement-valides."
            )
        if dry_run:
            self.stdout.write("Essai (--dry-run) : rien n'a été enregistré.")
        elif not analyse.enregistre:
            raise CommandError("Rien à importer.")
        else:
            self.stdout.write(self.style.SUCCESS(analyse.resume()))
