"""PDF de la stratégie : secondes et mémoire maximale du rendu, contre WeasyPrint seul.

Usage : .venv/bin/python bench/pdf.py [--fiches 55] [--repetitions 3]

Base SQLite temporaire, référentiel et démonstration chargés, puis N fiches actions ajoutées à
la version de travail de la commune de démonstration (pour un document d'une trentaine de
pages). Chaque mesure tourne dans un processus enfant (fork) : temps écoulé et mémoire
résidente maximale de cet enfant.

- application : lecture des données, rendu des gabarits et des graphiques, puis PDF ;
- référence : WeasyPrint seul sur le HTML statique du même document (même longueur) ;
- téléchargement du document officiel enregistré (vue Django, sans rendu).
Objectifs : moins de 4 s, moins de 250 Mo, rapport application / référence sous 1,3.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from feuille_de_route import ajouter_fiches, preparer  # noqa: E402


def dans_un_enfant(fonction) -> tuple[float, float]:
    """(secondes, Mo de mémoire résidente maximale) de `fonction()` dans un processus enfant."""
    lecture, ecriture = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(lecture)
        debut = time.perf_counter()
        fonction()
        duree = time.perf_counter() - debut
        os.write(ecriture, repr(duree).encode())
        os._exit(0)
    os.close(ecriture)
    with os.fdopen(lecture) as flux:
        duree = float(flux.read())
    _, statut, usage = os.wait4(pid, 0)
    if statut != 0:
        raise SystemExit("La mesure a échoué dans le processus enfant.")
    return duree, usage.ru_maxrss / 1024


def mesurer(nom, fonction, repetitions) -> dict:
    mesures = [dans_un_enfant(fonction) for _ in range(repetitions)]
    return {
        "nom": nom,
        "secondes": statistics.median(m[0] for m in mesures),
        "memoire": max(m[1] for m in mesures),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fiches", type=int, default=55)
    parser.add_argument("--repetitions", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as dossier:
        contexte = preparer(Path(dossier))
        ajouter_fiches(contexte, options.fiches)

        from django.test import Client
        from django.urls import reverse
        from pypdf import PdfReader

        from strategie_nr.documents.models import DocumentOfficiel
        from strategie_nr.documents.rendu import pdf_depuis_html, strategie_html
        from strategie_nr.documents.selectors import version_a_imprimer

        commune = contexte["commune"]
        version = version_a_imprimer(commune)
        html = strategie_html(collectivite=commune, version=version)
        pages = len(PdfReader(io.BytesIO(pdf_depuis_html(html))).pages)
        import weasyprint  # noqa: F401  (chargé avant le fork, comme dans un serveur)

        def application():
            courante = version_a_imprimer(commune)
            pdf_depuis_html(strategie_html(collectivite=commune, version=courante))

        def reference():
            pdf_depuis_html(html)

        document = DocumentOfficiel.objects.select_related("version").first()
        client = Client()
        client.force_login(contexte["membres"]["elu@demo.test"].utilisateur)
        url = reverse("documents:version", kwargs={"pk": document.version_id})
        client.get(url)

        def telechargement():
            for _ in range(20):
                assert client.get(url).content == bytes(document.contenu)

        resultats = [
            mesurer("référence : WeasyPrint seul, HTML statique", reference, options.repetitions),
            mesurer("stratégie complète (application)", application, options.repetitions),
        ]
        stocke = mesurer("20 téléchargements du PDF enregistré", telechargement, 1)
    base = resultats[0]["secondes"]
    print(
        f"Document : {pages} pages, {len(html) // 1024} Ko de HTML, {options.fiches} fiches "
        "ajoutées à la démonstration."
    )
    print(f"{'mesure':<45} {'secondes':>9} {'Mo max':>8} {'× réf.':>7}")
    for ligne in resultats:
        print(
            f"{ligne['nom']:<45} {ligne['secondes']:>9.2f} {ligne['memoire']:>8.0f} "
            f"{ligne['secondes'] / base:>7.2f}"
        )
    print(
        f"{stocke['nom']:<45} {stocke['secondes']:>9.3f} {stocke['memoire']:>8.0f} "
        f"({stocke['secondes'] / 20 * 1000:.1f} ms chacun)"
    )
    application = resultats[1]
    ok = application["secondes"] < 4 and application["memoire"] < 250
    ok = ok and application["secondes"] / base < 1.3
    print("Objectifs (< 4 s, < 250 Mo, < 1,3 × la référence) :", "tenus" if ok else "NON TENUS")


if __name__ == "__main__":
    main()
