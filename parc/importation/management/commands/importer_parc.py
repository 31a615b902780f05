from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from collectivites.models import Collectivite
from parc.importation.lecture import taille_max
from parc.importation.services import Options, import_executer, type_par_libelle


class Command(BaseCommand):
    help = (
        "Importe un inventaire du parc (CSV, XLSX ou ODS : export GLPI, grille de l'ANCT, "
        "export de l'application), tout ou rien. Code de sortie non nul si le fichier est rejeté."
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
            "--type-par-defaut",
            default="",
            metavar="LIBELLÉ",
            help="Type des lignes dont la colonne Type est vide (par exemple « Écran »)",
        )
        parser.add_argument(
            "--sans-service-entite",
            action="store_true",
            help="Ne pas tirer le service du dernier segment de l'entité GLPI",
        )
        parser.add_argument(
            "--seulement-valides",
            action="store_true",
            help="Importer les lignes valides même si d'autres sont en erreur",
        )

    def handle(
        self,
        *args,
        code,
        fichier,
        dry_run,
        seulement_valides,
        type_par_defaut,
        sans_service_entite,
        **options,
    ):
        collectivite = Collectivite.objects.filter(code_officiel=code.strip().upper()).first()
        if collectivite is None:
            raise CommandError(f"Aucune collectivité n'a le code INSEE ou SIREN « {code} ».")
        chemin = Path(fichier)
        if not chemin.is_file():
            raise CommandError(f"Fichier introuvable : {fichier}")
        if chemin.stat().st_size > taille_max():
            raise CommandError(
                f"Fichier rejeté : il dépasse la taille maximale de "
                f"{taille_max() // (1024 * 1024)} Mo. Découpez-le en plusieurs fichiers."
            )
        type_defaut = None
        if type_par_defaut:
            type_defaut = type_par_libelle(type_par_defaut)
            if type_defaut is None:
                raise CommandError(
                    f"Aucun type d'équipement ne s'appelle « {type_par_defaut} » "
                    "(voir les types dans l'administration)."
                )
        analyse = import_executer(
            collectivite=collectivite,
            auteur=None,
            nom_fichier=chemin.name,
            contenu=chemin.read_bytes(),
            seulement_valides=seulement_valides,
            essai=dry_run,
            options=Options(
                type_par_defaut=type_defaut.code if type_defaut else "",
                service_depuis_entite=not sans_service_entite,
            ),
        )
        if analyse.refus:
            raise CommandError(f"Fichier rejeté : {analyse.refus}")
        self.stdout.write(f"{collectivite} — {chemin.name} ({analyse.format})")
        if analyse.colonnes_ignorees:
            self.stdout.write("Colonnes ignorées : " + ", ".join(analyse.colonnes_ignorees))
        self.stdout.write(f"Créés : {analyse.a_creer}")
        self.stdout.write(f"Mis à jour : {analyse.a_mettre_a_jour}")
        self.stdout.write(f"Inchangés : {analyse.inchangees}")
        if analyse.sans_statut:
            self.stdout.write(f"Sans statut (importés « En service ») : {analyse.sans_statut}")
        if analyse.reformes_a_completer:
            self.stdout.write(
                f"Réformés à compléter (destination ou date de fin) : "
                f"{analyse.reformes_a_completer}"
            )
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
        elif not analyse.enregistre and not analyse.inchangees:
            raise CommandError("Rien à importer.")
        else:
            self.stdout.write(self.style.SUCCESS(analyse.resume()))
