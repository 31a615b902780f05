"""Fichiers piégés : refusés avant d'être lus, vite et sans mémoire.

Usage : .venv/bin/python bench/fichiers_hostiles.py

Pour chaque fichier (fabriqué en flux par `strategie_nr/plateforme/tests/fichiers_hostiles.py`),
la durée du
refus et la mémoire résidente ajoutée (pic du processus après moins avant), comparées à la
lecture normale d'un classeur de 20 000 lignes dans le même tour. Objectif : refus en moins de
2 s et moins de 100 Mo de mémoire en plus.
"""

import os
import resource
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(RACINE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategie_nr.settings.base")
    os.environ.setdefault("SECRET_KEY", "banc-uniquement")
    import django

    django.setup()
    from strategie_nr.plateforme import tableurs
    from strategie_nr.plateforme.tests.fichiers_hostiles import ods, xlsx_cellules, xlsx_etendue

    piege_ods = (
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell>'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    fichiers = [
        ("XLSX de 2 000 100 cellules", "bombe.xlsx", xlsx_cellules(2_000_100)),
        ("XLSX, une cellule en XFD1048576", "etendue.xlsx", xlsx_etendue()),
        ("ODS, une ligne répétée 1 000 000 de fois", "repete.ods", ods([["Type"]], brut=piege_ods)),
        ("XLSX ordinaire de 20 000 lignes (lu)", "ordinaire.xlsx", xlsx_cellules(240_000, 12)),
    ]
    echec = False
    print(f"{'fichier':<44} {'taille':>9} {'secondes':>9} {'mémoire +':>10}  résultat")
    for libelle, nom, contenu in fichiers:
        avant = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        debut = time.perf_counter()
        try:
            classeur = tableurs.ouvrir(nom, contenu)
            cellules = sum(len(c) for f in classeur.feuilles for _, c in f.lignes)
            resultat = f"lu : {cellules} cellules"
        except tableurs.FichierRefuse as refus:
            resultat = "refusé : " + refus.message.split(" (")[0].split(": ")[-1]
        duree = time.perf_counter() - debut
        ajout = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - avant
        taille = len(contenu) / 1024
        print(f"{libelle:<44} {taille:>6.0f} Ko {duree:>9.2f} {ajout:>7.0f} Mo  {resultat}")
        if resultat.startswith("refusé") and (duree >= 2 or ajout >= 100):
            echec = True
    print("Objectif : refus en moins de 2 s et de 100 Mo." + (" DÉPASSÉ" if echec else ""))
    return 1 if echec else 0


if __name__ == "__main__":
    sys.exit(main())
