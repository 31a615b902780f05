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


def test_deux_agents_modifient_le_meme_equipement(page, se_connecter, navigateur, live_server):
    from collectivites.demo import MOT_DE_PASSE

    equipement = Equipement.objects.filter(collectivite__code_officiel="45999").first()
    url = f"/parc/{equipement.pk}/modifier/"
    se_connecter("agent@demo.test")
    page.goto(url)
    page.get_by_label("Site").fill("Mairie annexe")

    # Une autre personne ouvre le même équipement et enregistre avant.
    autre = navigateur.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    autre.goto("/connexion/")
    autre.get_by_label("Adresse e-mail").fill("referent@demo.test")
    autre.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    autre.get_by_role("button", name="Se connecter").click()
    autre.wait_for_url("**/")
    autre.goto(url)
    autre.get_by_label("Marque").fill("Marque du référent")
    autre.get_by_role("button", name="Enregistrer").click()
    autre.get_by_text("Modifications enregistrées.").wait_for()
    autre.context.close()

    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("heading", name="Ce qui diffère entre la version enregistrée").wait_for()
    assert page.evaluate("document.activeElement.id") == "resume-erreurs"
    assert page.get_by_label("Site").input_value() == "Mairie annexe"
    verifier(page)
    equipement.refresh_from_db()
    assert equipement.marque == "Marque du référent" and equipement.site != "Mairie annexe"
    page.screenshot(path="/tmp/conflit_equipement.png", full_page=True)
    # Après comparaison, l'agent garde la marque du référent et enregistre son site.
    page.get_by_label("Marque").fill("Marque du référent")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Modifications enregistrées.").wait_for()
    equipement.refresh_from_db()
    assert (equipement.marque, equipement.site) == ("Marque du référent", "Mairie annexe")
