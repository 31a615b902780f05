import datetime
import re
from decimal import Decimal
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from collectivites.tests.factories import MembreFactory
from strategie_nr.fiches.enums import StatutVersion
from strategie_nr.fiches.models import FicheAction, VersionFeuilleDeRoute
from strategie_nr.fiches.services import (
    feuille_de_route_soumettre,
    feuille_de_route_valider,
    fiche_modifier,
)
from strategie_nr.referentiel.models import ActionExemple, Axe, Pratique

from .factories import FicheActionFactory, VersionFactory

COPIL = datetime.date(2025, 3, 14)


def page(reponse) -> str:
    return unescape(reponse.content.decode())


def formulaire(agent, **champs) -> dict:
    """Données POST d'un formulaire de fiche valide, lignes vides comprises."""
    donnees = {
        "titre": "Allonger la durée de vie des ordinateurs",
        "axe": Axe.objects.get(numero=2).pk,
        "levier_libre": "Allonger la durée d'usage",
        "priorite": "3",
        "difficulte": "1",
        "statut": "a_venir",
        "engagement": "experimentation",
        "debut": "2025-04",
        "fin": "06/2026",
        "responsable": agent.pk,
        "moyens_humains": "12,5",
        "moyens_unite": "jh",
        "budget": "1 234,5",
        "perimetres": ["dsi"],
    }
    for prefixe, total in (("indicateurs", 2), ("sous_actions", 3), ("budgets", 2)):
        donnees |= {f"{prefixe}-TOTAL_FORMS": total, f"{prefixe}-INITIAL_FORMS": 0}
    donnees |= {
        "indicateurs-0-libelle": "Durée de vie moyenne des ordinateurs",
        "indicateurs-0-valeur_cible": "7",
        "indicateurs-0-annee_cible": "2027",
        "sous_actions-0-quoi": "Inventorier le parc",
        "sous_actions-0-echeance": "30/06/2025",
        "budgets-0-annee": "2025",
        "budgets-0-montant": "1 000",
    }
    return donnees | champs


def test_creer_une_fiche(client_de, agent):
    reponse = client_de(agent).post(reverse("fiches:creer"), formulaire(agent))
    fiche = FicheAction.objects.get()
    assert reponse.status_code == 302 and reponse.url == fiche.get_absolute_url()
    assert str(fiche.budget) == "1234.50" and str(fiche.moyens_humains) == "12.50"
    assert (fiche.debut, fiche.fin) == (datetime.date(2025, 4, 1), datetime.date(2026, 6, 1))
    assert fiche.indicateurs.get().annee_cible == 2027
    assert fiche.sous_actions.get().echeance == datetime.date(2025, 6, 30)
    assert fiche.version.numero == 1
    contenu = page(client_de(agent).get(fiche.get_absolute_url()))
    # Le formateur commun : pas de zéro inutile (« 1 234,5 € », comme dans les PDF).
    assert "1 234,5 €" in contenu.replace("\u202f", " ").replace("\xa0", " ")
    assert "Démarrage : avril 2025 ; fin : juin 2026" in contenu


@pytest.mark.parametrize(
    "champs, message",
    [
        ({"titre": ""}, "Ce champ est obligatoire"),
        ({"fin": "01/2025"}, "La fin ne peut pas précéder le démarrage."),
        ({"budget": "douze"}, "Saisissez un nombre, par exemple 1 234,5."),
        ({"budget": "-3"}, "supérieure ou égale à 0"),
        ({"debut": "2025-13"}, "Saisissez un mois, par exemple 04/2025."),
        ({"levier_libre": ""}, "Choisissez une pratique du guide ou décrivez le levier."),
        ({"budgets-0-montant": "5 000"}, "dépasse le budget"),
        ({"indicateurs-0-libelle": ""}, "Ce champ est obligatoire pour cette ligne."),
        ({"budgets-0-annee": "1800"}, "L'année doit être comprise entre 2000 et 2100."),
    ],
)
def test_donnees_fausses_message_clair_et_rien_ne_change(client_de, agent, champs, message):
    reponse = client_de(agent).post(reverse("fiches:creer"), formulaire(agent, **champs))
    assert reponse.status_code == 400
    contenu = page(reponse)
    assert message in contenu
    assert "La fiche n'est pas enregistrée" in contenu
    # Ce qui a été tapé est toujours là.
    assert 'value="Inventorier le parc"' in contenu
    assert not FicheAction.objects.exists()
    assert not VersionFeuilleDeRoute.objects.exists()


def test_creer_depuis_une_pratique_preremplit(client_de, agent):
    pratique = Pratique.objects.get(code="a.1")
    reponse = client_de(agent).get(reverse("fiches:creer") + "?pratique=a.1")
    form = reponse.context["form"]
    assert form.initial["pratique"] == pratique.pk
    assert form.initial["titre"] == pratique.titre
    assert form.initial["priorite"] == 3  # prioritaire → ●●●
    assert form.initial["axe"] == Axe.objects.get(numero=4).pk
    assert form.initial["dimension"] is not None


def test_creer_depuis_une_action_d_exemple(client_de, agent):
    action = ActionExemple.objects.select_related("axe").filter(axe__numero=3).first()
    reponse = client_de(agent).get(reverse("fiches:creer") + f"?action={action.pk}")
    form = reponse.context["form"]
    assert form.initial["axe"] == action.axe_id
    assert form.initial["action_exemple"] == action.pk
    donnees = formulaire(agent, action_exemple=action.pk, axe=action.axe_id)
    client_de(agent).post(reverse("fiches:creer"), donnees)
    assert FicheAction.objects.get().action_exemple == action


@pytest.mark.parametrize(
    "parametre",
    ["?pratique=zz.9", "?action=999999", "?action=abc", "?action=99999999999999999999999999"],
)
def test_creer_avec_un_parametre_inconnu_donne_une_fiche_vierge(client_de, agent, parametre):
    reponse = client_de(agent).get(reverse("fiches:creer") + parametre)
    assert reponse.status_code == 200
    assert "titre" not in reponse.context["form"].initial


def test_boutons_du_referentiel(client_de, agent, elu):
    action = ActionExemple.objects.filter(axe__numero=1).first()
    axe = page(client_de(agent).get(reverse("referentiel:axe", args=[1])))
    assert f"{reverse('fiches:creer')}?action={action.pk}" in axe
    pratique = page(client_de(agent).get(reverse("referentiel:pratique", args=["a.1"])))
    assert f"{reverse('fiches:creer')}?pratique=a.1" in pratique
    assert "En faire une fiche action" not in page(
        client_de(elu).get(reverse("referentiel:axe", args=[1]))
    )


def test_elu_lit_mais_ne_redige_pas(client_de, elu, fiche):
    client = client_de(elu)
    assert client.get(reverse("fiches:index")).status_code == 200
    assert client.get(fiche.get_absolute_url()).status_code == 200
    assert client.get(reverse("fiches:creer")).status_code == 403
    assert client.get(reverse("fiches:modifier", args=[fiche.pk])).status_code == 403
    assert "Modifier la fiche" not in page(client.get(fiche.get_absolute_url()))


def test_un_agent_ne_modifie_que_ses_fiches(client_de, commune, agent, referent, fiche):
    autre = MembreFactory(collectivite=commune)
    assert client_de(autre).get(reverse("fiches:modifier", args=[fiche.pk])).status_code == 403
    assert client_de(agent).get(reverse("fiches:modifier", args=[fiche.pk])).status_code == 200
    assert client_de(referent).get(reverse("fiches:modifier", args=[fiche.pk])).status_code == 200


def test_fiche_d_une_autre_collectivite_introuvable(client_de, referent_epci, fiche):
    client = client_de(referent_epci)
    for nom in ("fiches:fiche", "fiches:modifier"):
        assert client.get(reverse(nom, args=[fiche.pk])).status_code == 404
    assert client.get(reverse("fiches:version", args=[fiche.version.pk])).status_code == 404


def test_edition_concurrente_le_second_est_refuse_et_garde_sa_saisie(
    client_de, agent, referent, fiche
):
    url = reverse("fiches:modifier", args=[fiche.pk])
    # Les deux ouvrent le formulaire à la même révision.
    revision = client_de(agent).get(url).context["form"].initial["revision"]
    assert client_de(referent).get(url).context["form"].initial["revision"] == revision
    premier = client_de(agent).post(
        url, formulaire(agent, titre="Titre de l'agent", revision=revision)
    )
    assert premier.status_code == 302
    second = client_de(referent).post(
        url, formulaire(agent, titre="Titre du référent", revision=revision)
    )
    assert second.status_code == 409
    contenu = page(second)
    assert "modifiée par une autre personne" in contenu
    assert 'value="Titre du référent"' in contenu
    fiche.refresh_from_db()
    assert fiche.titre == "Titre de l'agent"
    # Repartir de la révision à jour permet d'enregistrer.
    troisieme = client_de(referent).post(
        url, formulaire(agent, titre="Titre du référent", revision=fiche.revision)
    )
    assert troisieme.status_code == 302


def test_parcours_soumettre_valider(client_de, agent, referent, fiche, executer_travaux):
    version = fiche.version
    reponse = client_de(agent).post(reverse("fiches:soumettre", args=[version.pk]))
    executer_travaux()
    assert reponse.status_code == 302
    assert mail.outbox[-1].to == [referent.utilisateur.email]
    assert reverse("fiches:version", args=[version.pk]) in mail.outbox[-1].body
    # L'agent ne décide pas.
    assert client_de(agent).get(reverse("fiches:decision", args=[version.pk])).status_code == 403
    url = reverse("fiches:decision", args=[version.pk])
    sans_date = client_de(referent).post(url, {"valider": ""})
    assert sans_date.status_code == 400 and "Indiquez la date du COPIL." in page(sans_date)
    futur = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    assert "dans le futur" in page(client_de(referent).post(url, {"date_copil": futur}))
    version.refresh_from_db()
    assert version.statut == StatutVersion.SOUMISE
    reponse = client_de(referent).post(url, {"date_copil": "14/03/2025", "valider": ""})
    executer_travaux()
    assert reponse.status_code == 302
    version.refresh_from_db()
    assert version.statut == StatutVersion.VALIDEE and version.date_copil == COPIL
    assert mail.outbox[-1].to == [agent.utilisateur.email]
    contenu = page(client_de(referent).get(reverse("fiches:index")))
    assert "Version v1 : validée" in contenu and version.somme_controle in contenu


def test_renvoyer_avec_commentaire(client_de, agent, referent, fiche):
    feuille_de_route_soumettre(version=fiche.version, auteur=agent)
    url = reverse("fiches:decision", args=[fiche.version.pk])
    vide = client_de(referent).post(url, {"renvoyer": "", "commentaire": ""})
    assert vide.status_code == 400 and "Expliquez ce qui doit être repris." in page(vide)
    client_de(referent).post(url, {"renvoyer": "", "commentaire": "Chiffrer le budget"})
    fiche.version.refresh_from_db()
    assert fiche.version.statut == StatutVersion.RENVOYEE
    assert "Chiffrer le budget" in page(client_de(agent).get(reverse("fiches:index")))


def test_version_validee_figee_puis_nouvelle_version(client_de, agent, referent, fiche):
    feuille_de_route_soumettre(version=fiche.version, auteur=agent)
    v1 = feuille_de_route_valider(version=fiche.version, auteur=referent, date_copil=COPIL)
    modifier = reverse("fiches:modifier", args=[fiche.pk])
    reponse = client_de(agent).get(modifier)
    assert reponse.status_code == 302 and reponse.url == fiche.get_absolute_url()
    client_de(agent).post(modifier, formulaire(agent, titre="Changé", revision=fiche.revision))
    fiche.refresh_from_db()
    assert fiche.titre != "Changé"
    # « Modifier dans une nouvelle version » : v2 ouverte, on arrive sur la copie.
    reponse = client_de(agent).post(
        reverse("fiches:nouvelle_version"), {"fiche": str(fiche.lignee)}
    )
    copie = FicheAction.objects.get(version__numero=2)
    assert reponse.url == reverse("fiches:modifier", args=[copie.pk])
    fiche_modifier(
        fiche=copie,
        auteur=agent,
        revision=copie.revision,
        donnees={"titre": "En v2", "budget": Decimal("70000"), "debut": datetime.date(2025, 3, 1)},
    )
    assert fiche.titre in page(client_de(agent).get(reverse("fiches:version", args=[v1.pk])))
    comparaison = page(
        client_de(agent).get(reverse("fiches:comparer"), {"de": v1.pk, "a": copie.version_id})
    )
    assert "Fiches modifiées (1)" in comparaison and "En v2" in comparaison
    # Montants et dates à la française, jamais « 70000.00 » ni « 2025-03-01 ».
    assert "70\u202f000\u00a0€" in comparaison and "mars 2025" in comparaison
    assert "70000.00" not in comparaison and "2025-03" not in comparaison
    historique = page(client_de(agent).get(reverse("fiches:historique")))
    assert "Version validée" in historique
    # L'historique commun : la fiche, l'action, la version et les valeurs à la française.
    assert "<td>Modification</td><td>En v2</td>" in historique
    assert "<strong>budget</strong> : " in historique and "→ 70\u202f000\u00a0€" in historique
    assert "<strong>démarrage</strong> : " in historique and "→ 1er mars 2025" in historique


def test_lien_d_une_version_mene_a_cette_version(client_de, agent, referent, fiche):
    # Des versions d'autres collectivités décalent les identifiants : numéro et clé diffèrent.
    VersionFactory.create_batch(3, numero=1)
    v1 = fiche.version
    feuille_de_route_soumettre(version=v1, auteur=agent)
    feuille_de_route_valider(version=v1, auteur=referent, date_copil=COPIL)
    client_de(agent).post(reverse("fiches:nouvelle_version"), {"fiche": str(fiche.lignee)})
    v2 = VersionFeuilleDeRoute.objects.get(feuille_de_route=v1.feuille_de_route, numero=2)
    assert v2.pk != v2.numero
    for version in (v1, v2):
        reponse = client_de(agent).get(version.get_absolute_url())
        assert reponse.status_code == 200
        assert f"Feuille de route — version {version.libelle}" in page(reponse)
    historique = page(client_de(agent).get(reverse("fiches:historique")))
    assert f'href="{v2.get_absolute_url()}"' in historique


def test_comparer_avec_des_parametres_faux(client_de, agent, fiche):
    reponse = client_de(agent).get(reverse("fiches:comparer"), {"de": "x", "a": "999"})
    assert reponse.status_code == 200


def test_filtres_de_la_feuille_de_route(client_de, commune, agent, fiche):
    version = fiche.version
    FicheActionFactory(version=version, titre="Fiche de l'axe cinq", axe=Axe.objects.get(numero=5))
    client = client_de(agent)
    reponse = client.get(reverse("fiches:index"), {"axe": 5})
    assert [f["titre"] for f in reponse.context["fiches"]] == ["Fiche de l'axe cinq"]
    assert "1 fiche affichée sur 2" in page(reponse)
    reponse = client.get(reverse("fiches:index"), {"responsable": agent.pk, "priorite": 3})
    assert [f["titre"] for f in reponse.context["fiches"]] == [fiche.titre]
    assert client.get(reverse("fiches:index"), {"axe": "n'importe"}).status_code == 200


def test_tableau_de_bord_etapes_4_et_5(client_de, agent, referent, fiche):
    contenu = page(client_de(agent).get(reverse("tableau_de_bord")))
    assert "Des fiches actions sont rédigées" in contenu
    assert "15 à 20 leviers sont retenus sur les six axes (1 à ce jour)" in contenu
    assert "La feuille de route est validée en COPIL" in contenu


@pytest.mark.parametrize(
    "nom", ["fiches:index", "fiches:historique", "fiches:comparer", "fiches:version"]
)
def test_requetes_bornees_quel_que_soit_le_nombre_de_fiches(
    client_de, referent, fiche, nom, django_assert_max_num_queries
):
    kwargs = {"pk": fiche.version.pk} if nom == "fiches:version" else {}
    url = reverse(nom, kwargs=kwargs)
    client = client_de(referent)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
    for _ in range(40):
        autre = FicheActionFactory(version=fiche.version, responsable=referent)
        autre.contributeurs.add(referent)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_page_d_une_fiche_requetes_bornees(
    client_de, referent, fiche, django_assert_max_num_queries
):
    client = client_de(referent)
    with django_assert_max_num_queries(16):
        assert client.get(fiche.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("nom", ["fiches:modifier", "fiches:decision", "fiches:creer"])
def test_formulaires_requetes_bornees(
    client_de, commune, referent, fiche, nom, django_assert_max_num_queries
):
    kwargs = {"pk": fiche.version_id if nom == "fiches:decision" else fiche.pk}
    url = reverse(nom, kwargs=kwargs if nom != "fiches:creer" else {})
    client = client_de(referent)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
    MembreFactory.create_batch(20, collectivite=commune)
    for _ in range(20):
        FicheActionFactory(version=fiche.version, responsable=referent)
    fiche_modifier(
        fiche=fiche,
        auteur=referent,
        revision=fiche.revision,
        donnees={},
        sous_actions=[{"quoi": f"Étape {n}"} for n in range(20)],
    )
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_retirer_une_fiche_apres_confirmation(client_de, agent, elu, fiche):
    url = reverse("fiches:supprimer", args=[fiche.pk])
    assert client_de(elu).get(url).status_code == 403
    assert "Retirer la fiche" in page(client_de(agent).get(url))
    assert FicheAction.objects.filter(pk=fiche.pk).exists()
    reponse = client_de(agent).post(url)
    assert reponse.status_code == 302 and reponse.url == reverse("fiches:index")
    assert not FicheAction.objects.filter(pk=fiche.pk).exists()
    historique = page(client_de(agent).get(reverse("fiches:historique")))
    assert f"<td>Suppression</td><td>{fiche.titre}</td>" in historique


def test_retirer_une_fiche_d_une_version_soumise_refuse(client_de, agent, fiche):
    feuille_de_route_soumettre(version=fiche.version, auteur=agent)
    reponse = client_de(agent).post(reverse("fiches:supprimer", args=[fiche.pk]), follow=True)
    assert reponse.redirect_chain == [(reverse("fiches:fiche", args=[fiche.pk]), 302)]
    assert "est soumise pour validation : elle ne peut plus être modifiée" in page(reponse)
    assert FicheAction.objects.filter(pk=fiche.pk).exists()


@pytest.mark.parametrize(
    "champs",
    [
        {"responsable": "99999999999999999999999"},
        {"axe": "99999999999999999999999"},
        {"action_exemple": "99999999999999999999999"},
        {"contributeurs": ["99999999999999999999999"]},
        {"pratique": "abc"},
    ],
)
def test_identifiants_absurdes_sans_erreur_serveur(client_de, agent, champs):
    reponse = client_de(agent).post(reverse("fiches:creer"), formulaire(agent, **champs))
    assert reponse.status_code == 400
    assert not FicheAction.objects.exists()


def test_revision_absurde_sans_erreur_serveur(client_de, agent, fiche):
    url = reverse("fiches:modifier", args=[fiche.pk])
    reponse = client_de(agent).post(url, formulaire(agent, revision="99999999999999999999999"))
    assert reponse.status_code == 400


@pytest.mark.parametrize("nom", ["fiches:fiche", "fiches:modifier", "fiches:version"])
def test_identifiant_d_url_absurde_donne_404(client_de, referent, nom):
    url = reverse(nom, args=[99999999999999999999999])
    assert client_de(referent).get(url).status_code == 404


def test_le_formulaire_affiche_les_nombres_a_la_francaise(client_de, agent, fiche):
    contenu = page(client_de(agent).get(reverse("fiches:modifier", args=[fiche.pk])))
    assert re.search(r'value="20[\u00a0\u202f ]000,00"', contenu)
    # Et les renvoyer tels quels est accepté.
    donnees = formulaire(agent, budget="20\u202f000,00", revision=fiche.revision)
    donnees["budgets-0-montant"] = "20\u202f000,00"
    assert (
        client_de(agent).post(reverse("fiches:modifier", args=[fiche.pk]), donnees).status_code
        == 302
    )


def test_rediger_apres_validation_annonce_la_nouvelle_version(client_de, agent, referent, fiche):
    feuille_de_route_soumettre(version=fiche.version, auteur=agent)
    feuille_de_route_valider(version=fiche.version, auteur=referent, date_copil=COPIL)
    contenu = page(client_de(agent).get(reverse("fiches:creer")))
    assert "ouvrira la version v2 en brouillon" in contenu
    client_de(agent).post(reverse("fiches:creer"), formulaire(agent))
    assert VersionFeuilleDeRoute.objects.get(numero=2).fiches.count() == 2


def test_pas_de_nouvelle_fiche_pendant_la_soumission(client_de, agent, fiche):
    feuille_de_route_soumettre(version=fiche.version, auteur=agent)
    reponse = client_de(agent).get(reverse("fiches:creer"), follow=True)
    assert "est soumise pour validation" in page(reponse)
    reponse = client_de(agent).post(reverse("fiches:creer"), formulaire(agent))
    assert reponse.status_code == 400 and "est soumise pour validation" in page(reponse)
    assert FicheAction.objects.count() == 1


def test_indicateur_de_performance_relie_a_un_indicateur_suivi(client_de, agent, epci):
    from indicateurs.models import DefinitionIndicateur, IndicateurSuivi

    definition = DefinitionIndicateur.objects.get(cle="axe-2-1")
    suivi = IndicateurSuivi.objects.create(
        collectivite=agent.collectivite, definition=definition, responsable=agent
    )
    ailleurs = IndicateurSuivi.objects.create(collectivite=epci, definition=definition)
    client = client_de(agent)
    assert f'<option value="{suivi.pk}">' in page(client.get(reverse("fiches:creer")))
    # Un indicateur d'une autre collectivité n'est pas un choix possible.
    donnees = formulaire(agent, **{"indicateurs-0-indicateur_suivi_id": str(ailleurs.pk)})
    reponse = client.post(reverse("fiches:creer"), donnees)
    assert reponse.status_code == 400 and not FicheAction.objects.exists()
    # Choisir l'indicateur suivi suffit : son libellé est repris.
    donnees = formulaire(
        agent,
        **{"indicateurs-0-indicateur_suivi_id": str(suivi.pk), "indicateurs-0-libelle": ""},
    )
    assert client.post(reverse("fiches:creer"), donnees).status_code == 302
    ligne = FicheAction.objects.get().indicateurs.get()
    assert (ligne.indicateur_suivi, ligne.libelle) == (suivi, definition.libelle)
    fiche_page = page(client.get(ligne.fiche.get_absolute_url()))
    assert reverse("indicateurs:suivi", args=[suivi.pk]) in fiche_page


def test_depense_saisie_par_annee_reprise_dans_le_bilan(client_de, agent):
    from strategie_nr.fiches.selectors import depenses_de_l_annee

    donnees = formulaire(agent, **{"budgets-0-depense": "950,00"})
    assert client_de(agent).post(reverse("fiches:creer"), donnees).status_code == 302
    fiche = FicheAction.objects.get()
    assert depenses_de_l_annee(fiche.version, 2025) == {fiche.lignee: Decimal("950.00")}
    assert depenses_de_l_annee(fiche.version, 2024) == {}
    contenu = page(client_de(agent).get(fiche.get_absolute_url()))
    assert "(dépensé : 950\u00a0€)" in contenu
    reponse = client_de(agent).post(
        reverse("fiches:creer"), formulaire(agent, **{"budgets-0-depense": "-3"})
    )
    assert reponse.status_code == 400 and FicheAction.objects.count() == 1


def test_ajouter_une_ligne_sans_javascript_garde_la_saisie_et_n_enregistre_rien(client_de, agent):
    donnees = formulaire(agent, titre="") | {"ajouter": "sous_actions"}
    reponse = client_de(agent).post(reverse("fiches:creer"), donnees)
    assert reponse.status_code == 200
    contenu = page(reponse)
    assert 'name="sous_actions-TOTAL_FORMS" value="4"' in contenu
    assert 'name="sous_actions-3-quoi"' in contenu
    assert 'value="Inventorier le parc"' in contenu  # la saisie revient telle quelle
    assert "La fiche n'est pas enregistrée" not in contenu  # ajouter n'est pas envoyer
    assert "Ce champ est obligatoire" not in contenu
    assert not FicheAction.objects.exists()


def test_annee_de_budget_hors_des_dates_signalee_dans_le_formulaire(client_de, agent):
    donnees = formulaire(agent, **{"budgets-1-annee": "2030", "budgets-1-montant": "10"})
    reponse = client_de(agent).post(reverse("fiches:creer"), donnees)
    assert reponse.status_code == 400
    assert "Budget 2030 : hors des dates de la fiche (2025 à 2026)" in page(reponse)
    assert not FicheAction.objects.exists()
