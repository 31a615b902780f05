"""Vitesse et mémoire de l'import du parc : un export GLPI 10 de 50 000 ordinateurs.

Usage : .venv/bin/python bench/import_parc.py [--lignes 50000] [--sans-postgres] [--tours 3]
(`DATABASE_URL=postgres://…/<base>` choisit la base PostgreSQL, recréée à chaque tour.)

Le fichier a la forme exacte d'un export GLPI 10 (générateur des tests :
`parc/importation/tests/glpi.py` — BOM, `;` après chaque cellule, `''`, `<br>`, commentaires
sur plusieurs lignes, entités, « 0,00 », dates avec l'heure). Pour SQLite (base temporaire)
puis PostgreSQL (base `strategie_nr_bench_import`, ou celle de `DATABASE_URL`, recréée),
chaque mesure dans un processus neuf :
- import complet (lecture du fichier comprise : décodage, contrôles, correspondances,
  écriture des équipements et de leur historique) ;
- réimport du même fichier (rien ne change : aucune écriture) ;
- réimport d'une variante (mêmes équipements, autres statuts, lieux, dates, prix) ;
- **plancher** mesuré dans la même exécution : l'écriture seule des mêmes lignes, équipements
  et historique, déjà préparées en tuples hors chronomètre — `COPY` sur PostgreSQL,
  `executemany` sur SQLite. « × plancher » est notre surcoût honnête (lecture comprise).
Objectif : import et réimport modifié ≤ 4 × le plancher, mémoire < 300 Mo.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
BASE_POSTGRES = "postgres://postgres@127.0.0.1:5432/strategie_nr_bench_import"


def base_postgres() -> str:
    """La base PostgreSQL du banc : celle de `DATABASE_URL` si elle en désigne une."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else BASE_POSTGRES


OBJECTIF_RATIO = 4
OBJECTIF_MEMOIRE_MO = 300


def generer_csv(chemin: Path, lignes: int, graine: int = 10) -> None:
    """Un export GLPI 10 d'ordinateurs. Une autre graine donne les mêmes équipements (mêmes
    numéros) avec d'autres statuts, lieux, dates et prix : le réimport met vraiment à jour."""
    sys.path.insert(0, str(RACINE))
    from parc.importation.tests.glpi import export

    chemin.write_bytes(export("ordinateurs", lignes, graine=graine))


def preparer_django(base: str) -> None:
    os.environ["DATABASE_URL"] = base
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategie_nr.settings.base")
    os.environ.setdefault("SECRET_KEY", "banc-uniquement")
    sys.path.insert(0, str(RACINE))
    import django

    django.setup()


def collectivite_de_banc():
    from collectivites.models import Collectivite, Utilisateur

    collectivite, _ = Collectivite.objects.get_or_create(
        code_officiel="45998",
        defaults={
            "nom": "Ville de Banc",
            "nature": "commune",
            "population": 90_000,
            "nombre_agents": 1_500,
        },
    )
    auteur, _ = Utilisateur.objects.get_or_create(email="banc@exemple.test")
    return collectivite, auteur


def mesurer(base: str, fichier: Path, mesure: str) -> dict:
    """Une mesure, dans ce processus : `import`, `reimport` ou `reference`."""
    preparer_django(base)
    from django.db import connection

    from parc.importation.services import import_executer
    from parc.models import Equipement

    collectivite, auteur = collectivite_de_banc()
    contenu = fichier.read_bytes()
    if mesure == "plancher":
        duree, nombre = _plancher(collectivite, auteur, fichier.name, contenu)
    else:
        debut = time.perf_counter()
        analyse = import_executer(
            collectivite=collectivite,
            auteur=auteur,
            nom_fichier=fichier.name,
            contenu=contenu,
            seulement_valides=True,
        )
        duree = time.perf_counter() - debut
        assert not analyse.rejetees, analyse.erreurs[:5]
        nombre = analyse.lignes_lues
        if mesure.startswith("reimport"):
            assert analyse.a_creer == 0, "le réimport a créé des doublons"
    total = Equipement.objects.for_collectivite(collectivite).count()
    connection.close()
    return {
        "mesure": mesure,
        "lignes": nombre,
        "secondes": duree,
        "memoire_mo": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "equipements": total,
    }


def _plancher(collectivite, auteur, nom: str, contenu: bytes) -> tuple[float, int]:
    """Les lignes que l'import écrirait (équipements et historique), préparées en tuples hors
    chronomètre par notre propre lecture, puis écrites seules : `COPY` ou `executemany`."""

    from django.db import connection, transaction
    from django.utils import timezone

    from parc.importation import ecriture
    from parc.importation.services import Options, _parcourir
    from parc.models import Equipement

    class Collecteur:
        def __init__(self):
            self.lignes = []

        def ajouter(self, numero, champs, pk):
            self.lignes.append(champs)

    collecteur = Collecteur()
    _parcourir(collectivite, nom, contenu, ecrivain=collecteur, options=Options())
    maintenant, aujourdhui = timezone.now(), timezone.localdate()
    champs_equipement = [f for f in Equipement._meta.concrete_fields if not f.primary_key]
    types = ecriture.Ecrivain(collectivite=collectivite, auteur=auteur).types
    equipements = []
    for champs in collecteur.lignes:
        equipement = Equipement(
            collectivite=collectivite,
            type=types[champs["type_id"]],
            statut_depuis=aujourdhui,
            cree_le=maintenant,
            modifie_le=maintenant,
            **{c: v for c, v in champs.items() if c != "type_id"},
        )
        equipements.append(
            [
                f.get_db_prep_save(getattr(equipement, f.attname), connection)
                for f in champs_equipement
            ]
        )
    # Le même chemin d'écriture que l'import (`ecriture._inserer` : COPY ou executemany),
    # sans rien d'autre : ni lecture, ni contrôle ; l'historique n'en garde qu'une entrée.
    debut = time.perf_counter()
    with transaction.atomic():
        ecriture._inserer(
            Equipement._meta.db_table,
            [f.column for f in champs_equipement],
            equipements,
            cles=False,
        )
    return time.perf_counter() - debut, len(equipements)


def mediane(mesures: list[dict]) -> dict:
    """La mesure de durée médiane (mémoire : la plus haute des tours)."""
    rangees = sorted(mesures, key=lambda m: m["secondes"])
    return {
        **rangees[len(rangees) // 2],
        "memoire_mo": max(m["memoire_mo"] for m in mesures),
    }


def lancer(base: str, fichier: Path, mesure: str) -> dict:
    sortie = subprocess.run(
        [sys.executable, __file__, "--mesure", mesure, "--base", base, "--fichier", str(fichier)],
        cwd=RACINE,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(sortie.stdout.strip().splitlines()[-1])


def preparer_base(base: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": base,
        "DJANGO_SETTINGS_MODULE": "strategie_nr.settings.base",
        "SECRET_KEY": "banc-uniquement",
    }
    for commande in (["migrate", "--noinput"], ["charger_referentiel"]):
        subprocess.run(
            [sys.executable, "manage.py", *commande],
            cwd=RACINE,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def vider(base: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": base,
        "DJANGO_SETTINGS_MODULE": "strategie_nr.settings.base",
        "SECRET_KEY": "banc-uniquement",
    }
    code = (
        "import django; django.setup(); from parc.models import Equipement; "
        "Equipement.objects.all().delete()"
    )
    subprocess.run([sys.executable, "-c", code], cwd=RACINE, env=env, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lignes", type=int, default=50_000)
    parser.add_argument("--sans-postgres", action="store_true")
    parser.add_argument("--tours", type=int, default=3, help="médiane de N tours (3)")
    parser.add_argument("--mesure", help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    parser.add_argument("--fichier", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.mesure:
        print(json.dumps(mesurer(arguments.base, Path(arguments.fichier), arguments.mesure)))
        return 0

    echec = False
    with tempfile.TemporaryDirectory(prefix="bench-import-parc-") as dossier:
        dossier = Path(dossier)
        fichier = dossier / "export_glpi.csv"
        generer_csv(fichier, arguments.lignes)
        modifie = dossier / "export_glpi_modifie.csv"
        generer_csv(modifie, arguments.lignes, graine=2024)
        taille = fichier.stat().st_size / (1024 * 1024)
        print(
            f"Fichier : export GLPI 10 de {arguments.lignes} ordinateurs, {taille:.1f} Mo (UTF-8)"
        )
        bases = [("SQLite", f"sqlite:///{dossier / 'banc.sqlite3'}")]
        if not arguments.sans_postgres:
            base = base_postgres()
            nom_base = base.rsplit("/", 1)[1]
            for commande in ("dropdb --if-exists", "createdb"):
                subprocess.run(
                    [*commande.split(), "-h", "127.0.0.1", "-U", "postgres", nom_base],
                    check=True,
                )
            bases.append(("PostgreSQL", base))
        print(
            f"{'base':<11} {'mesure':<34} {'secondes':>9} {'lignes/s':>10} {'mémoire max':>12} "
            f"{'× plancher':>10}"
        )
        for nom, base in bases:
            preparer_base(base)
            tours = []
            for _ in range(arguments.tours):
                plancher = lancer(base, fichier, "plancher")
                vider(base)
                tours.append(
                    [
                        ("plancher : COPY / executemany", plancher),
                        ("import (création)", lancer(base, fichier, "import")),
                        ("réimport du même fichier", lancer(base, fichier, "reimport")),
                        ("réimport modifié (mises à jour)", lancer(base, modifie, "reimport")),
                    ]
                )
                vider(base)
            # Médianes des tours, mesure par mesure : une machine partagée varie d'un tour à
            # l'autre ; le rapport est la médiane des rapports de chaque tour à son plancher,
            # mesuré dans le même temps.
            for i, (libelle, _) in enumerate(tours[0]):
                r = mediane([tour[i][1] for tour in tours])
                rapports = sorted(tour[i][1]["secondes"] / tour[0][1]["secondes"] for tour in tours)
                ratio = rapports[len(rapports) // 2]
                print(
                    f"{nom:<11} {libelle:<34} {r['secondes']:>9.2f} "
                    f"{r['lignes'] / r['secondes']:>10,.0f} {r['memoire_mo']:>9.0f} Mo "
                    f"{ratio:>10.1f}   (tours : "
                    f"{' ; '.join(f'{x:.1f}' for x in rapports)})".replace(",", " ")
                )
                if i and (ratio > OBJECTIF_RATIO or r["memoire_mo"] >= OBJECTIF_MEMOIRE_MO):
                    echec = True
            assert all(tour[-1][1]["equipements"] == arguments.lignes for tour in tours), (
                "doublons au réimport"
            )
    print(
        f"Objectif : au plus {OBJECTIF_RATIO} × le plancher et moins de {OBJECTIF_MEMOIRE_MO} Mo."
        + (" DÉPASSÉ" if echec else "")
    )
    return 1 if echec else 0


if __name__ == "__main__":
    sys.exit(main())
