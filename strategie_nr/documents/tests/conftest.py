import datetime
import io

import pytest
from pypdf import PdfReader

from strategie_nr.fiches.models import VersionFeuilleDeRoute
from strategie_nr.fiches.services import (
    feuille_de_route_soumettre,
    feuille_de_route_valider,
    fiche_creer,
)
from strategie_nr.referentiel.models import Axe


def texte_pdf(contenu: bytes) -> tuple[str, int]:
    """(texte de toutes les pages, nombre de pages), relu avec pypdf."""
    lecteur = PdfReader(io.BytesIO(contenu))
    texte = "\n".join(page.extract_text() for page in lecteur.pages)
    return " ".join(texte.split()), len(lecteur.pages)


@pytest.fixture
def fiches_six_axes(commune, agent):
    """Une fiche par axe REEN dans la version de travail (v1, brouillon)."""
    fiches = []
    for axe in Axe.objects.order_by("numero"):
        fiches.append(
            fiche_creer(
                collectivite=commune,
                auteur=agent,
                donnees={
                    "axe": axe,
                    "titre": f"Action exemplaire de l'axe {axe.numero}",
                    "priorite": 3,
                    "difficulte": 2,
                    "debut": datetime.date(2025, 1, 1),
                    "fin": datetime.date(2026, 12, 1),
                    "responsable": agent,
                    "budget": 12500,
                    "moyens_humains": 4,
                    "moyens_unite": "jh",
                },
                indicateurs=[
                    {"libelle": f"Indicateur {axe.numero}", "valeur_cible": 20, "annee_cible": 2025}
                ],
                budgets=[{"annee": 2025, "montant": 12500}],
            )
        )
    return fiches


@pytest.fixture
def version_validee(commune, agent, referent, fiches_six_axes):
    version = VersionFeuilleDeRoute.objects.for_collectivite(commune).get(numero=1)
    version = feuille_de_route_soumettre(version=version, auteur=agent)
    return feuille_de_route_valider(
        version=version, auteur=referent, date_copil=datetime.date(2025, 3, 1)
    )
