"""URL des données ouvertes pour le balayage d'isolation.

Les pages publiques (sans connexion) se vérifient dans `test_balayage_public.py` : 200 pour la
commune de la démo, qui publie, 404 pour l'EPCI, qui ne publie rien.
"""

from strategie_nr.donnees.selectors import (
    annees_agec,
    declarations_agec_publiees,
    publication_de,
)


def _code(d):
    return {"code": d.commune.code_officiel}


def _agec(d):
    annees = sorted(declarations_agec_publiees(publication_de(d.commune)))
    return {"code": d.commune.code_officiel, "annee": annees[-1] if annees else annees_agec()[0]}


PARAMETRES = {
    "donnees:page": _code,
    "donnees:strategie": _code,
    "donnees:declaration_agec": _agec,
    "donnees:indicateurs_json": _code,
    "donnees:indicateurs_csv": _code,
}

PUBLIQUES = {
    "donnees:page",
    "donnees:strategie",
    "donnees:declaration_agec",
    "donnees:indicateurs_json",
    "donnees:indicateurs_csv",
    "donnees:schema_indicateurs",
    "donnees:schema_indicateurs_csv",
}

# Le réglage de la publication de la collectivité courante (référent seulement).
SANS_OBJET_DE_COLLECTIVITE = {"donnees:publication"}
