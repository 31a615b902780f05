"""Validation des codes officiels : code INSEE d'une commune, SIREN d'un groupement."""

import re

from django.core.exceptions import ValidationError

CODE_INSEE = re.compile(r"^(?:\d{2}|2A|2B)\d{3}$")


def code_insee_valide(code: str) -> bool:
    """Code officiel géographique d'une commune : 5 caractères, 2A/2B pour la Corse."""
    code = (code or "").strip().upper()
    if not CODE_INSEE.match(code):
        return False
    return code[:2] != "00" and code[2:] != "000"


def siren_valide(siren: str) -> bool:
    """SIREN : 9 chiffres dont le dernier est la clé de Luhn."""
    siren = (siren or "").strip()
    if len(siren) != 9 or not siren.isdigit():
        return False
    total = 0
    for index, caractere in enumerate(reversed(siren)):
        chiffre = int(caractere)
        if index % 2 == 1:
            chiffre *= 2
            if chiffre > 9:
                chiffre -= 9
        total += chiffre
    return total % 10 == 0


def valider_code_officiel(code: str, *, nature: str) -> None:
    """Une commune a un code INSEE ; tout autre nature de collectivité a un SIREN."""
    from .enums import Nature

    if nature == Nature.COMMUNE:
        if not code_insee_valide(code):
            raise ValidationError(
                "Le code INSEE d'une commune compte 5 caractères : 2 chiffres (ou 2A, 2B pour "
                "la Corse) puis 3 chiffres, par exemple 45234.",
                code="code_insee",
            )
    elif not siren_valide(code):
        raise ValidationError(
            "Le SIREN compte 9 chiffres et sa clé de contrôle doit être juste "
            "(vérifiez-le sur l'annuaire des entreprises).",
            code="siren",
        )
