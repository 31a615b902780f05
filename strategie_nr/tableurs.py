"""Classeurs XLSX des exports : aucune cellule ne s'exécute à l'ouverture du fichier."""

import io
import re

_DEBUTS_FORMULE = ("=", "+", "@", "\t", "\r")


def ressemble_a_une_formule(valeur) -> bool:
    """Une cellule qu'un tableur exécuterait (« =HYPERLINK(…) », « +cmd », « @SUM(…) »)."""
    if not isinstance(valeur, str) or not valeur:
        return False
    debut = valeur.lstrip(" ")
    if valeur.startswith(_DEBUTS_FORMULE) or debut.startswith(("=", "+", "@")):
        return True
    # « -5 » ou « - une puce » sont ordinaires ; « -2+3+cmd|… » est une formule.
    return (
        debut.startswith("-")
        and len(debut) > 1
        and debut[1] != " "
        and not re.fullmatch(r"-[\d\s.,]+", debut)
    )


def neutraliser(valeur):
    """Une cellule texte qui ressemble à une formule est préfixée d'une apostrophe."""
    if isinstance(valeur, str) and ressemble_a_une_formule(valeur):
        return "'" + valeur
    return valeur


def classeur_xlsx(feuilles: list[tuple[str, list[str], list[list]]]) -> bytes:
    """Un classeur d'une feuille par (titre, en-têtes, lignes), en-têtes en gras et figés."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    classeur = openpyxl.Workbook()
    classeur.remove(classeur.active)
    for titre, entetes, lignes in feuilles:
        feuille = classeur.create_sheet(titre[:31])
        feuille.append(entetes)
        for cellule in feuille[1]:
            cellule.font = Font(bold=True)
        feuille.freeze_panes = "A2"
        for ligne in lignes:
            feuille.append([neutraliser(valeur) for valeur in ligne])
        for position, entete in enumerate(entetes, start=1):
            largeur = min(60, max(12, len(str(entete)) + 4))
            feuille.column_dimensions[get_column_letter(position)].width = largeur
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()
