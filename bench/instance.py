"""Une instance jetable de l'application, servie par gunicorn, pour les mesures de `bench/`.

Base SQLite dans un dossier temporaire (ou `--postgres` : base `strategie_nr_bench`), référentiel
et données de démonstration chargés, fichiers statiques collectés, réglages de production (sans
redirection HTTPS : le banc parle en HTTP sur 127.0.0.1 ; cache en base et connexions
persistantes, comme en production), et un processus de tâches (`db_worker`) pour les PDF.
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lancer(args, env):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=RACINE, env=env, check=True, stdout=subprocess.DEVNULL
    )


@contextlib.contextmanager
def instance(*, postgres: bool = False, workers: int = 2, avec_base: list | None = None):
    """Sert l'application ; `avec_base`, si donnée, reçoit l'URL de la base de l'instance."""
    with tempfile.TemporaryDirectory(prefix="bench-strategie-nr-") as dossier:
        dossier = Path(dossier)
        if postgres:
            nom = os.environ.get("BENCH_BASE_POSTGRES", "strategie_nr_bench")
            base = f"postgres://postgres@127.0.0.1:5432/{nom}"
            subprocess.run(
                [
                    "dropdb",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "--if-exists",
                    nom,
                ],
                check=True,
            )
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", nom], check=True)
        else:
            base = f"sqlite:///{dossier / 'bench.sqlite3'}"
        env = {
            **os.environ,
            "DATABASE_URL": base,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATIC_ROOT": str(dossier / "static"),
            "MEDIA_ROOT": str(dossier / "media"),
            "SECURE_SSL_REDIRECT": "False",
            "CACHE_URL": "dbcache://cache_django",
        }
        if avec_base is not None:
            avec_base.append(base)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        dev = {**env, "DJANGO_SETTINGS_MODULE": "strategie_nr.settings.dev", "DEBUG": "True"}
        _lancer(["migrate", "--noinput"], dev)
        _lancer(["charger_referentiel"], dev)
        _lancer(["charger_demo"], dev)
        prod = {**env, "DJANGO_SETTINGS_MODULE": "strategie_nr.settings.production"}
        _lancer(["collectstatic", "--noinput"], prod)
        _lancer(["createcachetable"], prod)
        taches = subprocess.Popen(
            [
                PYTHON,
                "manage.py",
                "db_worker",
                "--queue-name=*",
                "--no-reload",
                "--interval=0.2",
                "-v0",
            ],
            cwd=RACINE,
            env=prod,
            stdout=subprocess.DEVNULL,
            # Comme l'unité systemd (Nice=10) : les pages passent avant les rendus.
            preexec_fn=lambda: os.nice(10),
        )
        port = port_libre()
        serveur = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "strategie_nr.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=RACINE,
            env=prod,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(url + "/connexion/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            yield url
        finally:
            serveur.terminate()
            taches.terminate()
            serveur.wait(timeout=10)
            taches.wait(timeout=60)
