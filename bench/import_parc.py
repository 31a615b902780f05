"""Vitesse et mémoire de l'import du parc : un CSV de style GLPI de 50 000 lignes.

Usage : .venv/bin/python bench/import_parc.py [--lignes 50000] [--sans-postgres]

Pour SQLite (base temporaire) puis PostgreSQL (base `strategie_nr_bench_import`, recréée) :
- import complet du fichier (lecture, contrôles, correspondances, écriture, historique) :
  durée, lignes par seconde, mémoire résidente maximale du processus ;
- réimport du même fichier (50 000 mises à jour, aucun doublon) ;
- référence mesurée dans la même exécution : un simple `bulk_create` des mêmes lignes, déjà
  converties, sans lecture ni contrôle. Le rapport import / référence est notre surcoût.
Chaque mesure tourne dans un processus neuf, pour que la mémoire maximale soit la sienne.
Objectif : moins de 10 s et moins de 300 Mo pour 50 000 lignes.
"""

import argparse
import csv
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
BASE_POSTGRES = "postgres://postgres@127.0.0.1:5432/strategie_nr_bench_import"

ENTETES = [
    "Nom",
    "Entité",
    "Statut",
    "Fabricant",
    "Numéro de série",
    "Type",
    "Modèle",
    "Système d'exploitation - Nom",
    "Lieu",
    "Utilisateur",
    "Dernière modification",
    "Informations financières et administratives - Date d'achat",
    "Informations financières et administratives - Valeur",
    "Numéro d'inventaire",
]
TYPES = ["Portable", "Unité centrale", "Écran", "Imprimante", "Tablette", "Serveur"]
MODELES = [("Dell", "Latitude 5420"), ("HP", "EliteBook 840 G8"), ("Lenovo", "ThinkPad T14")]
STATUTS = ["En service"] * 8 + ["En stock", "En réparation"]
LIEUX = ["Hôtel de ville", "Centre technique", "Médiathèque", "École Les Tilleuls", "CCAS"]


def generer_csv(chemin: Path, lignes: int, graine: int = 2022) -> None:
    """Un export GLPI : `;`, Windows-1252, tout entre guillemets, dates « 31-12-2023 14:05 ».

    Une autre graine donne les mêmes équipements (mêmes numéros) avec d'autres statuts, lieux,
    dates et prix : le réimport met alors vraiment à jour.
    """
    hasard = random.Random(graine)
    debut = datetime.date(2015, 1, 1)
    with chemin.open("w", encoding="cp1252", newline="") as flux:
        ecrivain = csv.writer(flux, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        ecrivain.writerow(ENTETES)
        for n in range(lignes):
            marque, modele = hasard.choice(MODELES)
            achat = debut + datetime.timedelta(days=hasard.randrange(3_500))
            ecrivain.writerow(
                [
                    f"PC-{n:06d}",
                    "Ville de Banc",
                    hasard.choice(STATUTS),
                    marque,
                    f"SN{n:08d}",
                    hasard.choice(TYPES),
                    modele,
                    "Windows 11 Professionnel",
                    hasard.choice(LIEUX),
                    f"agent{n % 900}",
                    "12-03-2024 10:41",
                    achat.strftime("%d-%m-%Y"),
                    f"{hasard.randrange(300, 2000)},{hasard.randrange(100):02d}",
                    f"INV-{n:08d}",
                ]
            )


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

    from parc.importation import ecriture
    from parc.importation.services import import_executer
    from parc.models import Equipement

    collectivite, auteur = collectivite_de_banc()
    contenu = fichier.read_bytes()
    if mesure == "reference":
        # Les mêmes lignes, déjà converties par notre lecture (hors chronomètre).
        import io

        from parc.importation import selectors
        from parc.importation.lecture import lire_lignes, ouvrir, reconnaitre_colonnes
        from parc.importation.services import _vers_champs
        from parc.models import TypeEquipement

        tableau = ouvrir(fichier.name, io.BytesIO(contenu))
        colonnes = reconnaitre_colonnes(tableau.entetes)
        types = dict(TypeEquipement.objects.values_list("code", "pk"))
        choix = selectors.choix_pour(collectivite)
        lignes = [
            _vers_champs(ligne.valeurs, types) for ligne in lire_lignes(tableau, colonnes, choix)
        ]
        del contenu
        debut = time.perf_counter()
        Equipement.objects.bulk_create(
            (Equipement(collectivite=collectivite, **champs) for champs in lignes),
            batch_size=ecriture.TAILLE_LOT,
        )
        duree = time.perf_counter() - debut
        nombre = len(lignes)
    else:
        debut = time.perf_counter()
        analyse = import_executer(
            collectivite=collectivite, auteur=auteur, nom_fichier=fichier.name, contenu=contenu
        )
        duree = time.perf_counter() - debut
        assert analyse.enregistre and not analyse.rejetees, analyse.erreurs[:5]
        nombre = analyse.a_creer + analyse.a_mettre_a_jour
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
        print(f"Fichier : {arguments.lignes} lignes de style GLPI, {taille:.1f} Mo (Windows-1252)")
        bases = [("SQLite", f"sqlite:///{dossier / 'banc.sqlite3'}")]
        if not arguments.sans_postgres:
            for commande in ("dropdb --if-exists", "createdb"):
                subprocess.run(
                    [
                        *commande.split(),
                        "-h",
                        "127.0.0.1",
                        "-U",
                        "postgres",
                        "strategie_nr_bench_import",
                    ],
                    check=True,
                )
            bases.append(("PostgreSQL", BASE_POSTGRES))
        print(
            f"{'base':<11} {'mesure':<34} {'secondes':>9} {'lignes/s':>10} {'mémoire max':>12} "
            f"{'× réf.':>7}"
        )
        for nom, base in bases:
            preparer_base(base)
            reference = lancer(base, fichier, "reference")
            vider(base)
            resultats = [
                ("référence : bulk_create seul", reference),
                ("import (création)", lancer(base, fichier, "import")),
                ("réimport du même fichier", lancer(base, fichier, "reimport")),
                ("réimport modifié (mises à jour)", lancer(base, modifie, "reimport")),
            ]
            for libelle, r in resultats:
                ratio = r["secondes"] / reference["secondes"]
                print(
                    f"{nom:<11} {libelle:<34} {r['secondes']:>9.2f} "
                    f"{r['lignes'] / r['secondes']:>10,.0f} {r['memoire_mo']:>9.0f} Mo "
                    f"{ratio:>7.1f}".replace(",", " ")
                )
                if libelle != resultats[0][0] and (r["secondes"] >= 10 or r["memoire_mo"] >= 300):
                    echec = True
            assert resultats[-1][1]["equipements"] == arguments.lignes, "doublons au réimport"
    print("Objectif : moins de 10 s et moins de 300 Mo par import." + (" DÉPASSÉ" if echec else ""))
    return 1 if echec else 0


if __name__ == "__main__":
    sys.exit(main())
