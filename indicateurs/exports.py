"""Export de tous les indicateurs suivis : CSV (tableur français), XLSX et JSON.

Une ligne par indicateur et par année, colonnes décrites dans le README.
"""

import csv
import io
import json

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from strategie_nr.plateforme import formats
from strategie_nr.plateforme.tableurs import Colonne, classeur_xlsx, neutraliser

from .selectors import indicateurs_suivis_tableau, libelle_annee

CLOSE, PROVISOIRE = "close", "année en cours (provisoire)"

COLONNES = [
    ("axe", "Axe"),
    ("indicateur", "Indicateur"),
    ("unite", "Unité"),
    ("sens", "Sens"),
    ("obtention", "Obtention"),
    ("responsable", "Responsable"),
    ("annee_reference", "Année de référence"),
    ("valeur_reference", "Valeur de référence"),
    ("annee", "Année"),
    ("statut_annee", "Statut de l'année"),
    ("cible", "Cible"),
    ("valeur", "Valeur mesurée"),
    ("valeur_figee", "Valeur figée"),
    ("valeur_declaree", "Valeur déclarée non retenue"),
    ("source", "Source"),
    ("commentaire", "Commentaire"),
]

# Colonnes de nombres : des nombres dans le classeur, au format français ; des nombres à virgule
# décimale dans le CSV.
NOMBRES = {"valeur_reference", "cible", "valeur", "valeur_declaree"}


def lignes(collectivite) -> list[dict]:
    tableau = indicateurs_suivis_tableau(collectivite)
    resultat = []
    for ligne in tableau["lignes"]:
        suivi, definition = ligne.suivi, ligne.definition
        for annee in tableau["annees"]:
            cible, valeur = ligne.cibles.get(annee), ligne.valeur(annee)
            if cible is None and valeur is None:
                continue
            saisie, retenue = ligne.valeurs.get(annee), ligne.retenue(annee)
            resultat.append(
                {
                    "axe": definition.axe.numero,
                    "indicateur": definition.libelle,
                    "unite": definition.get_unite_display(),
                    "sens": definition.sens,
                    "obtention": "calcule" if retenue and retenue.calculee else "saisi",
                    "responsable": suivi.responsable.utilisateur.email if suivi.responsable else "",
                    "annee_reference": suivi.annee_base,
                    "valeur_reference": suivi.valeur_base,
                    "annee": annee,
                    "statut_annee": PROVISOIRE if libelle_annee(annee) != str(annee) else CLOSE,
                    "cible": cible,
                    "valeur": valeur,
                    "valeur_figee": bool(saisie and saisie.figee),
                    "valeur_declaree": retenue.declaree if retenue else None,
                    "source": saisie.source if saisie else "",
                    "commentaire": saisie.commentaire if saisie else "",
                }
            )
    return resultat


def reponse(collectivite, format: str) -> HttpResponse:
    donnees = lignes(collectivite)
    nom = f"indicateurs-{slugify(collectivite.nom)}-{timezone.localdate():%Y-%m-%d}"
    if format == "csv":
        sortie = io.StringIO()
        sortie.write("\ufeff")  # pour qu'Excel lise l'UTF-8
        ecrivain = csv.writer(sortie, delimiter=";")
        ecrivain.writerow([libelle for _, libelle in COLONNES])
        for ligne in donnees:
            ecrivain.writerow([neutraliser(formats.cellule_csv(ligne[cle])) for cle, _ in COLONNES])
        contenu, type_ = sortie.getvalue().encode("utf-8"), "text/csv; charset=utf-8"
    elif format == "xlsx":
        contenu = classeur_xlsx(
            [
                (
                    "Indicateurs",
                    [
                        Colonne(libelle, format_nombre=formats.format_excel)
                        if cle in NOMBRES
                        else libelle
                        for cle, libelle in COLONNES
                    ],
                    [
                        [
                            float(v) if hasattr(v, "normalize") else v
                            for v in (ligne[cle] for cle, _ in COLONNES)
                        ]
                        for ligne in donnees
                    ],
                )
            ]
        )
        type_ = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif format == "json":
        document = {
            "collectivite": {"nom": collectivite.nom, "code": collectivite.code_officiel},
            "genere_le": timezone.now().isoformat(),
            "colonnes": dict(COLONNES),
            "lignes": [
                {cle: (str(v) if hasattr(v, "normalize") else v) for cle, v in ligne.items()}
                for ligne in donnees
            ],
        }
        contenu = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        type_ = "application/json"
    else:
        raise Http404("Format d'export inconnu : csv, xlsx ou json.")
    reponse = HttpResponse(contenu, content_type=type_)
    reponse["Content-Disposition"] = f'attachment; filename="{nom}.{format}"'
    return reponse
