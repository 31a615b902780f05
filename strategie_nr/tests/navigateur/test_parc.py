"""Parc informatique dans un vrai navigateur, avec l'analyse d'accessibilité de ses pages."""

import datetime

import pytest

from parc.enums import Statut
from parc.models import Equipement

from .accessibilite import verifier

pytestmark = pytest.mark.navigateur


def test_l_agent_ajoute_puis_donne_un_equipement(page, se_connecter):
    se_connecter("agent@demo.test")
    page.get_by_role("link", name="Parc", exact=True).click()
    page.get_by_role("heading", level=1, name="Parc informatique").wait_for()
    verifier(page)
    page.get_by_role("link", name="Ajouter un équipement").click()

    # Une saisie fautive garde ce qui a été tapé et dit pourquoi.
    page.get_by_label("Type").select_option(label="Ordinateur portable")
    page.get_by_label("Marque").fill("Fairphone")
    page.get_by_label("Modèle").fill("Laptop 14")
    page.get_by_label("Numéro d'inventaire").fill("INV-NAV-1")
    page.get_by_label("Quantité").fill("0")
    page.get_by_label("Prix d'achat unitaire HT (€)").fill("1 099,90")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("La quantité doit être supérieure ou égale à 1.").wait_for()
    assert page.get_by_label("Marque").input_value() == "Fairphone"
    verifier(page)

    page.get_by_label("Quantité").fill("1")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("L'équipement est ajouté au parc.").wait_for()
    page.get_by_role("link", name="Réformer (fin d'usage)").click()
    # Une destination sans date de sortie est refusée, avec la raison.
    page.get_by_label("Destination").select_option(label="Don")
    page.get_by_label("Bénéficiaire").fill("Association Emmaüs Connect")
    page.get_by_role("button", name="Réformer l'équipement").click()
    page.get_by_text("Indiquez la date de sortie.").wait_for()
    verifier(page)
    page.get_by_label("Date de sortie du parc").fill(datetime.date.today().isoformat())
    page.get_by_label("Destination").select_option(label="Don")
    page.get_by_label("Bénéficiaire").fill("Association Emmaüs Connect")
    page.get_by_role("button", name="Réformer l'équipement").click()
    page.get_by_text("L'équipement est réformé").wait_for()
    equipement = Equipement.objects.get(numero_inventaire="INV-NAV-1")
    assert (equipement.statut, equipement.beneficiaire) == (
        Statut.REFORME,
        "Association Emmaüs Connect",
    )
    verifier(page)

    page.get_by_role("link", name="Parc", exact=True).click()
    page.get_by_role("link", name="Tableau de bord et empreinte").click()
    page.get_by_role("heading", level=2, name="Empreinte carbone estimée").wait_for()
    verifier(page)
