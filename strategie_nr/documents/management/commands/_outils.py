"""Ce que partagent les commandes de génération : trouver la collectivité, écrire le fichier."""

from pathlib import Path

from django.core.management.base import CommandError

from collectivites.models import Collectivite


def collectivite_par_code(code: str) -> Collectivite:
    collectivite = Collectivite.objects.filter(code_officiel=code.strip().upper()).first()
    if collectivite is None:
        raise CommandError(f"Aucune collectivité n'a le code INSEE ou SIREN « {code} ».")
    return collectivite


FORMATS = {".pdf": "pdf", ".docx": "docx"}


def format_de_sortie(chemin: str) -> str:
    """« pdf » ou « docx » (Word) selon l'extension du fichier à écrire ; toute autre est
    refusée avant le moindre travail."""
    extension = Path(chemin).suffix.lower()
    if extension not in FORMATS:
        nommee = f"« {extension} »" if extension else "absente"
        raise CommandError(
            f"Extension {nommee} du fichier « {chemin} » non prise en charge : écrivez un "
            "fichier .pdf (PDF) ou .docx (Word)."
        )
    return FORMATS[extension]


def ecrire(chemin: str, contenu: bytes) -> Path:
    fichier = Path(chemin)
    try:
        fichier.write_bytes(contenu)
    except OSError as erreur:
        raise CommandError(f"Impossible d'écrire « {chemin} » : {erreur.strerror}.") from erreur
    return fichier
