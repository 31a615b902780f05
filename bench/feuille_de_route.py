"""Feuille de route : temps de rendu et requêtes SQL selon le nombre de fiches.

Usage : .venv/bin/python bench/feuille_de_route.py [--fiches 20 100 400] [--repetitions 5]

Base SQLite temporaire, référentiel et démonstration chargés, puis N fiches actions (avec
indicateurs, actions, budgets et contributeurs) ajoutées à la commune de démonstration. Mesure,
dans le même processus, la page de la feuille de route (version de travail, puis validée : lue
depuis l'instantané), la page d'une fiche, la validation (instantané + SHA-256) et la création
d'une nouvelle version (copie des fiches). Référence : la page d'un axe du référentiel, mesurée
dans la même exécution.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))


def preparer(dossier: Path):
    os.environ["DATABASE_URL"] = f"sqlite:///{dossier / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategie_nr.settings.dev")
    os.environ.setdefault("SECRET_KEY", "banc-uniquement")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    from strategie_nr.demo import demo_charger
    from strategie_nr.referentiel.services import referentiel_charger

    referentiel_charger()
    return demo_charger()


def ajouter_fiches(contexte, nombre: int) -> None:
    from strategie_nr.fiches.services import fiche_creer
    from strategie_nr.referentiel.models import Axe

    axes = list(Axe.objects.all())
    membres = [
        m for m in contexte["membres"].values() if m.collectivite_id == contexte["commune"].pk
    ]
    porteurs = [m for m in membres if not m.est_elu]
    for n in range(nombre):
        debut = datetime.date(2025, 1 + n % 12, 1)
        fiche_creer(
            collectivite=contexte["commune"],
            auteur=contexte["membres"]["referent@demo.test"],
            donnees={
                "axe": axes[n % len(axes)],
                "titre": f"Action de banc {n}",
                "levier_libre": "Levier de banc",
                "priorite": 1 + n % 3,
                "difficulte": 1 + (n // 3) % 3,
                "debut": debut,
                "fin": debut.replace(year=2026),
                "responsable": porteurs[n % len(porteurs)],
                "budget": 1000 + n,
                "moyens_humains": 3,
            },
            contributeurs=membres[:2],
            indicateurs=[{"libelle": "Indicateur", "valeur_cible": 10, "annee_cible": 2026}],
            sous_actions=[{"quoi": "Étape 1"}, {"quoi": "Étape 2"}],
            budgets=[{"annee": 2025, "montant": 500}, {"annee": 2026, "montant": 500}],
        )


def chronometrer(fonction, repetitions: int) -> float:
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        fonction()
        durees.append(time.perf_counter() - debut)
    return statistics.median(durees) * 1000


def requetes(fonction) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as capture:
        fonction()
    return len(capture)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fiches", type=int, nargs="+", default=[20, 100, 400])
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-fiches-") as dossier:
        contexte = preparer(Path(dossier))
        from django.test import Client

        from collectivites.tests.outils import client_connecte
        from strategie_nr.fiches.models import FicheAction, VersionFeuilleDeRoute
        from strategie_nr.fiches.services import (
            feuille_de_route_nouvelle_version,
            feuille_de_route_soumettre,
            feuille_de_route_valider,
        )

        referent = contexte["membres"]["referent@demo.test"]
        client: Client = client_connecte(referent)

        def obtenir(url):
            def appel():
                reponse = client.get(url)
                assert reponse.status_code == 200, (url, reponse.status_code)

            return appel

        reference = obtenir("/referentiel/axes/2/")
        print(f"{'fiches':>6} {'mesure':<42} {'médiane':>10} {'requêtes':>9} {'× réf.':>7}")
        deja = FicheAction.objects.exclude(version__statut="validee").count()
        for nombre in args.fiches:
            ajouter_fiches(contexte, nombre - deja)
            deja = nombre
            version = VersionFeuilleDeRoute.objects.exclude(statut="validee").get()
            ref = chronometrer(reference, args.repetitions)
            fiche = FicheAction.objects.filter(version=version).first()
            mesures = [
                ("référence : page d'un axe du référentiel", reference),
                ("feuille de route (brouillon)", obtenir("/feuille-de-route/")),
                ("page d'une fiche", obtenir(f"/feuille-de-route/fiche/{fiche.pk}/")),
            ]
            for libelle, fonction in mesures:
                duree = chronometrer(fonction, args.repetitions)
                print(
                    f"{nombre:>6} {libelle:<42} {duree:>8.1f} ms {requetes(fonction):>9} "
                    f"{duree / ref:>7.1f}"
                )

            def valider(version=version):
                feuille_de_route_soumettre(version=version, auteur=referent)
                feuille_de_route_valider(
                    version=version, auteur=referent, date_copil=datetime.date(2025, 3, 14)
                )

            debut = time.perf_counter()
            valider()
            duree = (time.perf_counter() - debut) * 1000
            print(
                f"{nombre:>6} {'soumettre et valider (instantané + SHA-256)':<42} {duree:>8.1f} ms"
            )
            validee = obtenir(f"/feuille-de-route/version/{version.pk}/")
            duree = chronometrer(validee, args.repetitions)
            print(
                f"{nombre:>6} {'feuille de route validée (instantané)':<42} {duree:>8.1f} ms "
                f"{requetes(validee):>9} {duree / ref:>7.1f}"
            )
            debut = time.perf_counter()
            feuille_de_route_nouvelle_version(collectivite=contexte["commune"], auteur=referent)
            duree = (time.perf_counter() - debut) * 1000
            print(f"{nombre:>6} {'nouvelle version (copie des fiches)':<42} {duree:>8.1f} ms")
            deja = FicheAction.objects.exclude(version__statut="validee").count()
    return 0


if __name__ == "__main__":
    sys.exit(main())
