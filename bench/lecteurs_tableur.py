"""Choix du lecteur de classeurs : python-calamine contre openpyxl (lecture seule) + odfpy.

Mesure, dans le même processus et sur les mêmes fichiers (XLSX et ODS de N lignes × 12
colonnes, générés ici), le temps et le pic de mémoire Python de la lecture de toutes les
cellules. Les chiffres sont des rapports à la lecture la plus rapide du même tour.

    .venv/bin/python bench/lecteurs_tableur.py [--lignes 20000]
"""

import argparse
import datetime
import io
import time
import tracemalloc


def classeur_xlsx(lignes: int) -> bytes:
    import openpyxl

    classeur = openpyxl.Workbook(write_only=True)
    feuille = classeur.create_sheet("Parc")
    feuille.append([f"Colonne {i}" for i in range(12)])
    for n in range(lignes):
        feuille.append(
            [
                f"PC-{n:06d}",
                "En service",
                "Dell",
                "Latitude 5420",
                f"SN{n:08d}",
                f"INV-{n}",
                "Laptop",
                "Mairie",
                datetime.date(2020, 1 + n % 12, 1),
                812.5,
                "Windows 11",
                n,
            ]
        )
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def classeur_ods(lignes: int) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Parc")
    for n in range(lignes + 1):
        ligne = TableRow()
        for i in range(12):
            valeur = f"Colonne {i}" if n == 0 else f"V{n}-{i}"
            cellule = TableCell(valuetype="string")
            cellule.addElement(P(text=valeur))
            ligne.addElement(cellule)
        table.addElement(ligne)
    document.spreadsheet.addElement(table)
    tampon = io.BytesIO()
    document.write(tampon)
    return tampon.getvalue()


def calamine(contenu: bytes) -> int:
    import python_calamine

    classeur = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(contenu))
    feuille = classeur.get_sheet_by_index(0)
    return sum(len(ligne) for ligne in feuille.iter_rows())


def openpyxl_lecture_seule(contenu: bytes) -> int:
    import openpyxl

    classeur = openpyxl.load_workbook(io.BytesIO(contenu), read_only=True, data_only=True)
    return sum(len(ligne) for ligne in classeur.worksheets[0].iter_rows(values_only=True))


def odfpy(contenu: bytes) -> int:
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow

    document = load(io.BytesIO(contenu))
    table = document.spreadsheet.getElementsByType(Table)[0]
    return sum(
        len([str(c) for c in ligne.getElementsByType(TableCell)])
        for ligne in table.getElementsByType(TableRow)
    )


def mesurer(fonction, contenu):
    """Durée sans traçage (tracemalloc ralentit surtout le code Python pur), puis pic mémoire."""
    debut = time.perf_counter()
    cellules = fonction(contenu)
    duree = time.perf_counter() - debut
    tracemalloc.start()
    fonction(contenu)
    pic = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return duree, pic, cellules


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lignes", type=int, default=20_000)
    args = parser.parse_args()
    xlsx, ods = classeur_xlsx(args.lignes), classeur_ods(args.lignes)
    resultats = [
        ("XLSX", "python-calamine", *mesurer(calamine, xlsx)),
        ("XLSX", "openpyxl (lecture seule)", *mesurer(openpyxl_lecture_seule, xlsx)),
        ("ODS", "python-calamine", *mesurer(calamine, ods)),
        ("ODS", "odfpy", *mesurer(odfpy, ods)),
    ]
    for format_ in ("XLSX", "ODS"):
        lignes = [r for r in resultats if r[0] == format_]
        reference = min(r[2] for r in lignes)
        for _, lecteur, duree, pic, cellules in lignes:
            print(
                f"{format_:4} {lecteur:26} {duree:6.2f} s (×{duree / reference:5.1f})"
                f"  pic Python {pic / 1e6:7.1f} Mo  {cellules} cellules"
            )


if __name__ == "__main__":
    main()
