"""Sobriété des pages : poids transféré, nombre de requêtes et taille du DOM dans Chromium.

Usage : .venv/bin/python bench/pages.py
Échoue (code de sortie 1) si une page dépasse 300 Ko transférés, 20 requêtes ou 1 500 éléments.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from instance import instance  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from strategie_nr.tests.navigateur.chromium import ARGUMENTS, CHROMIUM  # noqa: E402

POIDS_MAX = 300 * 1024
REQUETES_MAX = 20
DOM_MAX = 1500

# (compte, chemin) des pages principales, avec les données de démonstration.
PAGES = [
    (None, "/connexion/"),
    ("referent@demo.test", "/"),
    ("referent@demo.test", "/referentiel/"),
    ("referent@demo.test", "/referentiel/axes/2/"),
    ("referent@demo.test", "/referentiel/pratiques/"),
    ("referent@demo.test", "/membres/"),
    ("agent@demo.test", "/parc/import/"),
    ("referent@demo.test", "/programme/"),
    ("referent@demo.test", "/programme/parties-prenantes/"),
    ("referent@demo.test", "/diagnostic/"),
    ("referent@demo.test", "/diagnostic/campagne/1/"),
    ("agent@demo.test", "/diagnostic/campagne/2/repondre/"),
    ("referent@demo.test", "/diagnostic/campagne/2/consolider/"),
    ("referent@demo.test", "/indicateurs/"),
    ("agent@demo.test", "/indicateurs/3/"),
    ("agent@demo.test", "/indicateurs/3/valeur/"),
    ("agent@demo.test", "/parc/"),
    ("agent@demo.test", "/parc/tableau-de-bord/"),
    ("agent@demo.test", "/parc/nouveau/"),
    ("agent@demo.test", "/parc/1/"),
    ("referent@demo.test", "/feuille-de-route/"),
    ("referent@demo.test", "/feuille-de-route/fiche/nouvelle/"),
    ("elu@demo.test", "/"),
]


def mesurer(page, chemin):
    reponses = []

    def noter(reponse):
        reponses.append(reponse)

    page.on("response", noter)
    page.goto(chemin, wait_until="networkidle")
    poids = 0
    for reponse in reponses:
        tailles = reponse.request.sizes()
        poids += tailles["responseBodySize"] + tailles["responseHeadersSize"]
    dom = page.evaluate("document.getElementsByTagName('*').length")
    page.remove_listener("response", noter)
    return poids, len(reponses), dom


def main() -> int:
    echecs = 0
    with instance() as url, sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        print(f"{'page':<40} {'compte':<22} {'transféré':>10} {'requêtes':>9} {'DOM':>6}")
        for compte, chemin in PAGES:
            contexte = navigateur.new_context(base_url=url)
            page = contexte.new_page()
            if compte:
                page.goto("/connexion/")
                page.fill("#id_username", compte)
                page.fill("#id_password", "demo-strategie-nr")
                page.click("button[type=submit], input[type=submit]")
                page.wait_for_load_state("networkidle")
            # Mesure à froid : cache du navigateur vidé après la connexion.
            contexte.new_cdp_session(page).send("Network.clearBrowserCache")
            poids, requetes, dom = mesurer(page, chemin)
            trop = poids > POIDS_MAX or requetes > REQUETES_MAX or dom > DOM_MAX
            echecs += trop
            print(
                f"{chemin:<40} {compte or 'anonyme':<22} {poids / 1024:>8.1f} Ko "
                f"{requetes:>9} {dom:>6}{'  TROP LOURDE' if trop else ''}"
            )
            contexte.close()
        navigateur.close()
    print(f"Seuils : {POIDS_MAX // 1024} Ko, {REQUETES_MAX} requêtes, {DOM_MAX} éléments.")
    return 1 if echecs else 0


if __name__ == "__main__":
    sys.exit(main())
