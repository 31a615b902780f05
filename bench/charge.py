"""Latence des pages sous charge : gunicorn (2 processus) sur 127.0.0.1, N connexions simultanées.

Usage : .venv/bin/python bench/charge.py [--postgres] [--connexions 8] [--secondes 10]
                                         [--conn-max-age 60 0]
Pour chaque page : requêtes par seconde, latences p50 / p95 / p99, et le rapport à la latence
d'un fichier statique servi par le même serveur pendant la même exécution (la référence).
La charge est bornée en durée et ne vise que 127.0.0.1.
Sans `--conn-max-age`, la valeur de production (60 s) ; avec plusieurs valeurs, une instance par
valeur, l'une après l'autre dans la même exécution, et le rapport des p50 à la première.
"""

import argparse
import http.client
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from instance import instance  # noqa: E402

PAGES = [
    ("référence : fichier statique", None, "/static/css/app.css"),
    ("connexion", None, "/connexion/"),
    ("tableau de bord", "referent@demo.test", "/"),
    ("référentiel", "referent@demo.test", "/referentiel/"),
    ("bonnes pratiques", "referent@demo.test", "/referentiel/pratiques/"),
    ("membres", "referent@demo.test", "/membres/"),
    ("résultats du diagnostic", "referent@demo.test", "/diagnostic/campagne/1/"),
    ("indicateurs", "referent@demo.test", "/indicateurs/"),
    ("parc (liste)", "agent@demo.test", "/parc/"),
    ("parc (tableau de bord)", "agent@demo.test", "/parc/tableau-de-bord/"),
    ("feuille de route", "referent@demo.test", "/feuille-de-route/"),
]


def cookie_de_session(hote, port, email):
    connexion = http.client.HTTPConnection(hote, port, timeout=10)
    connexion.request("GET", "/connexion/")
    reponse = connexion.getresponse()
    page = reponse.read().decode()
    csrf = re.search(r"csrftoken=([^;]+)", reponse.getheader("Set-Cookie")).group(1)
    jeton = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    corps = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": jeton, "username": email, "password": "demo-strategie-nr"}
    )
    connexion.request(
        "POST",
        "/connexion/",
        body=corps,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Referer": f"http://{hote}:{port}/connexion/",
        },
    )
    reponse = connexion.getresponse()
    reponse.read()
    session = re.search(r"sessionid=([^;]+)", reponse.getheader("Set-Cookie") or "")
    if not session:
        raise SystemExit(f"Connexion impossible pour {email}")
    return f"sessionid={session.group(1)}"


def charger(hote, port, chemin, cookie, connexions, secondes):
    latences, erreurs = [], []
    fin = time.monotonic() + secondes
    verrou = threading.Lock()

    def travailleur():
        connexion = http.client.HTTPConnection(hote, port, timeout=10)
        entetes = {"Cookie": cookie} if cookie else {}
        while time.monotonic() < fin:
            debut = time.perf_counter()
            connexion.request("GET", chemin, headers=entetes)
            reponse = connexion.getresponse()
            reponse.read()
            duree = time.perf_counter() - debut
            with verrou:
                (latences if reponse.status == 200 else erreurs).append(duree)
        connexion.close()

    fils = [threading.Thread(target=travailleur) for _ in range(connexions)]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()
    return latences, erreurs


def centile(valeurs, p):
    return statistics.quantiles(valeurs, n=100)[p - 1] if len(valeurs) > 1 else valeurs[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--connexions", type=int, default=8)
    parser.add_argument("--secondes", type=float, default=10)
    parser.add_argument("--conn-max-age", type=int, nargs="+", default=[])
    args = parser.parse_args()
    p50s = {}
    for conn_max_age in args.conn_max_age or [None]:
        if conn_max_age is not None:
            os.environ["CONN_MAX_AGE"] = str(conn_max_age)
            print(f"\nCONN_MAX_AGE={conn_max_age}")
        p50s[conn_max_age] = mesurer(args)
    if len(p50s) > 1:
        premiere, *autres = p50s
        for autre in autres:
            print(f"\np50 avec CONN_MAX_AGE={autre} / avec CONN_MAX_AGE={premiere} :")
            for nom, p50 in p50s[autre].items():
                print(f"{nom:<30} {p50 / p50s[premiere][nom]:>7.2f}")


def mesurer(args) -> dict[str, float]:
    p50s = {}
    with instance(postgres=args.postgres) as url:
        hote, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
        cookies = {}
        print(
            f"Base : {'PostgreSQL' if args.postgres else 'SQLite'} ; gunicorn 2 processus ; "
            f"{args.connexions} connexions pendant {args.secondes:g} s par page"
        )
        print(
            f"{'page':<30} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
            f"{'× réf.':>7} {'erreurs':>8}"
        )
        reference = None
        for nom, compte, chemin in PAGES:
            if compte and compte not in cookies:
                cookies[compte] = cookie_de_session(hote, port, compte)
            latences, erreurs = charger(
                hote, port, chemin, cookies.get(compte), args.connexions, args.secondes
            )
            p50 = centile(latences, 50) * 1000
            p50s[nom] = p50
            reference = reference or p50
            print(
                f"{nom:<30} {len(latences) / args.secondes:>7.0f} {p50:>8.1f} "
                f"{centile(latences, 95) * 1000:>8.1f} {centile(latences, 99) * 1000:>8.1f} "
                f"{p50 / reference:>7.1f} {len(erreurs):>8}"
            )
    return p50s


if __name__ == "__main__":
    main()
