"""Validation des codes officiels : code INSEE d'une commune, SIREN d'un groupement."""

import re

from django.core.exceptions import ValidationError

from .enums import Nature

CODE_INSEE = re.compile(r"^(?:\d{2}|2A|2B)\d{3}$")


def code_insee_valide(code: str) -> bool:
    """Code officiel géographique d'une commune : 5 caractères, 2A/2B pour la Corse."""
    code = (code or "").strip().upper()
    if not CODE_INSEE.match(code):
        return False
    return code[:2] != "00" and code[2:] != "000"


def _luhn(chiffres: str) -> bool:
    total = 0
    for index, caractere in enumerate(reversed(chiffres)):
        chiffre = int(caractere)
        if index % 2 == 1:
            chiffre *= 2
            if chiffre > 9:
                chiffre -= 9
        total += chiffre
    return total % 10 == 0


def siren_valide(siren: str) -> bool:
    """SIREN : 9 chiffres dont le dernier est la clé de Luhn."""
    siren = (siren or "").strip()
    return len(siren) == 9 and siren.isdigit() and _luhn(siren)


def siret_valide(siret: str) -> bool:
    """SIRET : SIREN (9 chiffres) + NIC (5 chiffres), les 14 chiffres vérifiés par la clé de Luhn.

    (Seuls les établissements de La Poste, SIREN 356000000, dérogent à la clé : ce ne sont pas
    des collectivités.)
    """
    siret = (siret or "").strip()
    return len(siret) == 14 and siret.isdigit() and siren_valide(siret[:9]) and _luhn(siret)


def valider_siret(siret: str, *, siren: str = "") -> None:
    """Le SIRET de l'organisme acheteur, demandé par la déclaration AGEC ; s'il est connu, le
    SIREN de la collectivité doit en être le début."""
    if not siret_valide(siret):
        raise ValidationError(
            "Le SIRET compte 14 chiffres (SIREN puis numéro d'établissement) et sa clé de "
            "contrôle doit être juste (vérifiez-le sur l'annuaire des entreprises).",
            code="siret",
        )
    if siren and siret[:9] != siren:
        raise ValidationError(
            f"Ce SIRET ne commence pas par le SIREN de la collectivité ({siren}).",
            code="siret_siren",
        )


def valider_code_officiel(code: str, *, nature: str) -> None:
    """Une commune a un code INSEE ; tout autre nature de collectivité a un SIREN."""
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
