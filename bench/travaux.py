"""Travaux longs hors des requêtes : pages et liens PDF d'un référent et d'un élu, et latence des
autres pages pendant qu'un PDF se prépare.

Usage : .venv/bin/python bench/travaux.py [--postgres] [--connexions 4] [--secondes 10]

1. Chaque page principale d'un référent et d'un élu, liens PDF compris (la réponse de la page
   de suivi ou du fichier), demandée 5 fois : la médiane ; échoue si la plus lente dépasse 1 s.
2. Le tableau de bord sous charge (gunicorn 2 processus), sans puis avec un PDF de la stratégie
   en préparation en continu (le travail est effacé après chaque rendu pour forcer le suivant) :
   p50 et p99 dans les deux cas, et le nombre de PDF rendus pendant la mesure.
"""

import argparse
import http.client
import sqlite3
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from charge import centile, charger, cookie_de_session  # noqa: E402
from instance import instance  # noqa: E402

PAGES = {
    "referent@demo.test": [
        "/",
        "/membres/",
        "/programme/",
        "/diagnostic/",
        "/indicateurs/",
        "/parc/",
        "/parc/tableau-de-bord/",
        "/feuille-de-route/",
        "/documents/",
        "/documents/strategie.pdf",
        "/documents/bilan/2025.pdf",
    ],
    "elu@demo.test": ["/", "/documents/", "/documents/strategie.pdf", "/documents/bilan/2025.pdf"],
}


def obtenir(hote, port, chemin, cookie):
    connexion = http.client.HTTPConnection(hote, port, timeout=60)
    debut = time.perf_counter()
    connexion.request("GET", chemin, headers={"Cookie": cookie})
    reponse = connexion.getresponse()
    corps = reponse.read()
    duree = time.perf_counter() - debut
    connexion.close()
    return reponse.status, reponse.getheader("Location"), corps, duree


def effacer_travaux(base: str) -> None:
    if base.startswith("sqlite:///"):
        with sqlite3.connect(base.removeprefix("sqlite:///"), timeout=30) as connexion:
            connexion.execute("DELETE FROM travaux_travail")
    else:
        import psycopg2

        with psycopg2.connect(base) as connexion, connexion.cursor() as curseur:
            curseur.execute("DELETE FROM travaux_travail")


def pdf_en_continu(hote, port, cookie, base, arret, rendus):
    """Demande le PDF de la stratégie, attend qu'il soit prêt, l'efface, recommence."""
    while not arret.is_set():
        effacer_travaux(base)
        _, suivi, _, _ = obtenir(hote, port, "/documents/strategie.pdf", cookie)
        chemin = urllib.parse.urlsplit(suivi).path
        while not arret.is_set():
            statut, _, corps, _ = obtenir(hote, port, chemin, cookie)
            if b"0;url=" in corps:
                rendus.append(time.monotonic())
                break
            time.sleep(0.2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--connexions", type=int, default=4)
    parser.add_argument("--secondes", type=float, default=10)
    args = parser.parse_args()
    bases = []
    with instance(postgres=args.postgres, avec_base=bases) as url:
        hote, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
        cookies = {compte: cookie_de_session(hote, port, compte) for compte in PAGES}
        print(f"Base : {'PostgreSQL' if args.postgres else 'SQLite'} ; gunicorn 2 processus")
        print("1. Pages et liens PDF (médiane de 5 demandes)")
        plus_lente = 0.0
        for compte, chemins in PAGES.items():
            for chemin in chemins:
                durees, statut = [], None
                for _ in range(5):
                    statut, _, _, duree = obtenir(hote, port, chemin, cookies[compte])
                    durees.append(duree)
                mediane = statistics.median(durees)
                plus_lente = max(plus_lente, mediane)
                print(f"   {compte:<22} {chemin:<30} {statut} {mediane * 1000:>8.1f} ms")
        print(f"   la plus lente : {plus_lente * 1000:.1f} ms")

        print(f"2. Tableau de bord, {args.connexions} connexions, {args.secondes:g} s")
        cookie = cookies["referent@demo.test"]
        seules, _ = charger(hote, port, "/", cookie, args.connexions, args.secondes)
        arret, rendus = threading.Event(), []
        fil = threading.Thread(
            target=pdf_en_continu,
            args=(hote, port, cookies["elu@demo.test"], bases[0], arret, rendus),
        )
        fil.start()
        time.sleep(1)  # le premier rendu commence
        avec, _ = charger(hote, port, "/", cookie, args.connexions, args.secondes)
        arret.set()
        fil.join()
        for nom, latences in (("sans PDF en cours", seules), ("avec PDF en cours", avec)):
            print(
                f"   {nom:<20} p50 {centile(latences, 50) * 1000:>7.1f} ms   "
                f"p99 {centile(latences, 99) * 1000:>7.1f} ms   ({len(latences)} requêtes)"
            )
        print(f"   PDF rendus par le processus de tâches pendant la mesure : {len(rendus)}")
        print(f"   p99 avec / sans : {centile(avec, 99) / centile(seules, 99):.2f}")
    if plus_lente > 1:
        raise SystemExit(f"Page la plus lente : {plus_lente * 1000:.0f} ms (plus de 1 s)")


if __name__ == "__main__":
    main()
