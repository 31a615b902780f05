"""Les indicateurs publiés en JSON et en CSV (API v1), forme décrite par
`schemas/indicateurs-v1.schema.json` et dans le README.

CSV : UTF-8 sans BOM, virgule, point décimal, fin de ligne CRLF (RFC 4180), une ligne d'en-têtes
et rien d'autre, comme data.gouv.fr le recommande ; la licence est dite dans l'en-tête HTTP
`Link` (rel="license") et dans le JSON, jamais dans une ligne en plus qui gênerait les lecteurs
de CSV.
"""

import csv
import io
import json

from django.urls import reverse

from collectivites.enums import Nature
from strategie_nr.plateforme import formats
from strategie_nr.plateforme.tableurs import neutraliser

from .selectors import CHAMPS, LICENCE, VERSION_API


def _json(valeur):
    """Un nombre JSON (entier, ou à virgule flottante pour les décimales) ; le reste tel quel."""
    if hasattr(valeur, "normalize"):
        return int(valeur) if valeur == valeur.to_integral_value() else float(valeur)
    return valeur


def document_json(request, *, collectivite, publication, donnees: dict) -> dict:
    code = collectivite.code_officiel
    return {
        "version_api": VERSION_API,
        "schema": request.build_absolute_uri(reverse("donnees:schema_indicateurs")),
        "licence": LICENCE,
        "producteur": {
            "nom": collectivite.nom,
            "nature": collectivite.nature,
            "code_officiel": code,
            "type_code": "insee" if collectivite.nature == Nature.COMMUNE else "siren",
        },
        "page": request.build_absolute_uri(reverse("donnees:page", args=[code])),
        "csv": request.build_absolute_uri(reverse("donnees:indicateurs_csv", args=[code])),
        "publie_depuis": publication.indicateurs_depuis.isoformat(),
        "genere_le": donnees["genere_le"].isoformat(),
        "derniere_annee_close": donnees["derniere_annee_close"],
        "champs": CHAMPS,
        "indicateurs": [
            {cle: _json(valeur) for cle, valeur in ligne.items()} for ligne in donnees["lignes"]
        ],
    }


def contenu_json(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def contenu_csv(lignes: list[dict]) -> bytes:
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, lineterminator="\r\n")
    ecrivain.writerow(CHAMPS)
    for ligne in lignes:
        ecrivain.writerow(
            [
                formats.nombre_machine(valeur)
                if hasattr(valeur, "normalize")
                else neutraliser(formats.cellule_csv(valeur))
                for valeur in (ligne[cle] for cle in CHAMPS)
            ]
        )
    return sortie.getvalue().encode("utf-8")
