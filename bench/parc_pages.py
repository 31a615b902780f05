"""Liste et tableau de bord du parc avec 50 000 lignes : temps de réponse et requêtes SQL.

Usage : .venv/bin/python bench/parc_pages.py [--lignes 50000] [--repetitions 7] [--postgres]

Base SQLite temporaire (ou PostgreSQL, base `strategie_nr_bench_parc`, recréée), référentiel et
démonstration chargés, puis la commune reçoit N lignes d'inventaire réparties sur 12 ans.
Chaque page est demandée dans le même processus (client de test de Django, réglages de
développement, DEBUG désactivé) ; on imprime la médiane et le nombre de requêtes, et le rapport
à une page simple mesurée dans la même exécution (la page d'un axe du référentiel).
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from feuille_de_route import chronometrer, requetes  # noqa: E402

BASE_PG = "strategie_nr_bench_parc"


def preparer(dossier: Path, postgres: bool):
    if postgres:
        import psycopg2

        connexion = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
        connexion.autocommit = True
        with connexion.cursor() as curseur:
            curseur.execute(f"DROP DATABASE IF EXISTS {BASE_PG}")
            curseur.execute(f"CREATE DATABASE {BASE_PG}")
        connexion.close()
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{BASE_PG}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{dossier / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategie_nr.settings.dev")
    os.environ.setdefault("SECRET_KEY", "banc-uniquement")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    from strategie_nr.demo import demo_charger
    from strategie_nr.referentiel.services import referentiel_charger

    referentiel_charger()
    return demo_charger()


def remplir(commune, nombre: int) -> None:
    """Porte le parc de la commune à `nombre` lignes, avec la même répartition que la démo."""
    from parc.demo import _lignes
    from parc.models import Equipement

    deja = Equipement.objects.for_collectivite(commune).count()
    tour = 0
    while deja < nombre:
        tour += 1
        lignes = _lignes(commune, {}, 1000 + tour, prefixe=f"B{tour}-")[: nombre - deja]
        Equipement.objects.bulk_create(lignes, batch_size=2000)
        deja += len(lignes)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lignes", type=int, default=50_000)
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-parc-") as dossier:
        contexte = preparer(Path(dossier), args.postgres)
        from collectivites.tests.outils import client_connecte
        from parc.models import Equipement

        remplir(contexte["commune"], args.lignes)
        client = client_connecte(contexte["membres"]["agent@demo.test"])
        nombre = Equipement.objects.for_collectivite(contexte["commune"]).count()
        base = "PostgreSQL" if args.postgres else "SQLite"
        print(f"{base}, {nombre} lignes d'inventaire, médiane de {args.repetitions} demandes")
        pages = [
            ("page d'un axe (référence)", "/referentiel/axes/2/"),
            ("liste du parc", "/parc/"),
            ("liste filtrée et triée", "/parc/?statut=en_service&age=3-5&tri=-annee&page=3"),
            ("tableau de bord du parc", "/parc/tableau-de-bord/?annee=2025"),
        ]
        reference = None
        print(f"{'page':<30} {'médiane':>10} {'requêtes':>9} {'× référence':>12}")
        for libelle, chemin in pages:

            def demander(chemin=chemin):
                reponse = client.get(chemin)
                assert reponse.status_code == 200, (chemin, reponse.status_code)

            demander()  # mise en route
            duree = chronometrer(demander, args.repetitions)
            reference = reference or duree
            nombre_requetes = requetes(demander)
            print(
                f"{libelle:<30} {duree:>8.1f} ms {nombre_requetes:>9} {duree / reference:>11.1f}×"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
