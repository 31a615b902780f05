"""« Mes tâches » sur le tableau de bord, et leur récapitulatif hebdomadaire par courriel."""

import datetime
import io
from html import unescape

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from collectivites.enums import Role
from collectivites.tests.factories import MembreFactory
from indicateurs.models import DefinitionIndicateur, IndicateurSuivi
from parc.importation import services as import_parc
from parc.importation.tests.outils import csv_glpi, ligne_glpi
from strategie_nr.diagnostic import services as diagnostic
from strategie_nr.diagnostic.models import Question
from strategie_nr.diagnostic.services import Saisie
from strategie_nr.fiches.enums import StatutVersion
from strategie_nr.fiches.models import SousAction
from strategie_nr.fiches.tests.factories import FicheActionFactory, VersionFactory
from strategie_nr.taches import taches_de

AUJOURDHUI = datetime.date(2026, 3, 10)


def _tout_a_faire(commune, agent, referent):
    """Une campagne à moitié répondue, un indicateur sans valeur 2025, une fiche en retard avec
    une sous-action échue, une version renvoyée que l'agent avait soumise, un import à l'aperçu."""
    campagne = diagnostic.campagne_ouvrir(
        collectivite=commune, titre="Réévaluation", date=AUJOURDHUI, auteur=referent.utilisateur
    )
    diagnostic.reponses_enregistrer(
        campagne=campagne, membre=agent, saisies=[Saisie(Question.objects.first(), 3, False)]
    )
    IndicateurSuivi.objects.create(
        collectivite=commune,
        definition=DefinitionIndicateur.objects.get(cle="axe-2-2"),
        responsable=agent,
    )
    version = VersionFactory(
        feuille_de_route__collectivite=commune,
        statut=StatutVersion.RENVOYEE,
        soumise_par=agent,
        commentaire_renvoi="Chiffrer le budget 2026",
    )
    fiche = FicheActionFactory(
        version=version,
        responsable=agent,
        titre="Allonger la durée de vie",
        fin=datetime.date(2025, 12, 1),
    )
    SousAction.objects.create(fiche=fiche, quoi="Inventorier", echeance=datetime.date(2026, 3, 1))
    SousAction.objects.create(fiche=fiche, quoi="Plus tard", echeance=datetime.date(2026, 9, 1))
    import_parc.import_deposer(
        collectivite=commune,
        auteur=agent.utilisateur,
        nom_fichier="export.csv",
        flux=io.BytesIO(csv_glpi([ligne_glpi(1)])),
    )


def test_les_taches_d_un_agent(commune, agent, referent):
    _tout_a_faire(commune, agent, referent)
    libelles = [t.libelle for t in taches_de(agent, AUJOURDHUI)]
    assert "Répondre au questionnaire « Réévaluation »" in libelles
    assert "Saisir la valeur 2025 de « Nombre de dons de matériels" in " ".join(libelles)
    assert "Fiche « Allonger la durée de vie » en retard" in libelles
    assert "Sous-action « Inventorier » (fiche « Allonger la durée de vie »)" in libelles
    assert not any("Plus tard" in libelle for libelle in libelles)
    assert any(x.startswith("La feuille de route v") and "renvoyée" in x for x in libelles)
    assert "Import « export.csv » en attente de confirmation" in libelles
    questionnaire = next(t for t in taches_de(agent, AUJOURDHUI) if "questionnaire" in t.libelle)
    assert questionnaire.detail == "1 sur 30 questions répondues"
    # Un autre agent n'a que le questionnaire ; l'élu n'a pas de tâches.
    autre = MembreFactory(collectivite=commune, role=Role.AGENT)
    assert [t.libelle for t in taches_de(autre, AUJOURDHUI)] == [
        "Répondre au questionnaire « Réévaluation »"
    ]
    elu = MembreFactory(collectivite=commune, role=Role.ELU)
    assert taches_de(elu, AUJOURDHUI) == []


def test_le_tableau_de_bord_montre_mes_taches_et_a_l_elu_ses_documents(
    client_de, commune, agent, referent, elu, django_assert_max_num_queries
):
    _tout_a_faire(commune, agent, referent)
    client = client_de(agent)
    with django_assert_max_num_queries(40):
        page = unescape(client.get(reverse("tableau_de_bord")).content.decode())
    assert "Mes tâches" in page and "Chiffrer le budget 2026" in page
    assert reverse("diagnostic:questionnaire", args=[1]).rsplit("/", 3)[0] in page
    page_elu = unescape(client_de(elu).get(reverse("tableau_de_bord")).content.decode())
    assert "Mes tâches" not in page_elu and reverse("documents:index") in page_elu


def test_envoyer_rappels_seulement_a_qui_a_a_faire_et_ne_s_est_pas_desabonne(
    commune, agent, referent
):
    _tout_a_faire(commune, agent, referent)
    sans_tache = MembreFactory(collectivite=commune, role=Role.AGENT)
    desabonne = MembreFactory(collectivite=commune, role=Role.AGENT)
    desabonne.utilisateur.recevoir_rappels = False
    desabonne.utilisateur.save()
    MembreFactory(collectivite=commune, role=Role.ELU)
    sortie = io.StringIO()
    call_command("envoyer_rappels", "--adresse", "https://snr.exemple.fr/", stdout=sortie)
    destinataires = sorted(m.to[0] for m in mail.outbox)
    # Le questionnaire ouvert concerne agents et référents : chacun qui n'a pas fini le reçoit.
    assert agent.utilisateur.email in destinataires
    assert referent.utilisateur.email in destinataires
    assert sans_tache.utilisateur.email in destinataires
    assert desabonne.utilisateur.email not in destinataires
    assert len(destinataires) == 3 and "3 récapitulatifs envoyés" in sortie.getvalue()
    courriel = next(m for m in mail.outbox if m.to == [agent.utilisateur.email])
    assert "https://snr.exemple.fr/feuille-de-route/" in courriel.body
    assert "Chiffrer le budget 2026" in courriel.body and "/profil/" in courriel.body


def test_pas_de_courriel_quand_rien_n_est_a_faire(commune, agent):
    call_command("envoyer_rappels", stdout=io.StringIO())
    assert mail.outbox == []


def test_se_desabonner_dans_son_profil(client_de, agent):
    client = client_de(agent)
    assert (
        "récapitulatif de mes tâches"
        in client.get(reverse("collectivites:profil")).content.decode()
    )
    donnees = {"first_name": "Alix", "last_name": "Martin"}
    assert client.post(reverse("collectivites:profil"), donnees).status_code == 302
    agent.utilisateur.refresh_from_db()
    assert not agent.utilisateur.recevoir_rappels


def test_etape_2_faite_quand_le_referent_declare_le_lancement(client_de, referent, commune):
    from strategie_nr.etapes import etapes_avancement

    def etape_2():
        return next(e for e in etapes_avancement(commune) if e["etape"].numero == 2)

    assert not etape_2()["complete"]
    donnees = {"population": "82000", "nombre_agents": "900", "lancement_officiel_le": "2024-03-12"}
    reponse = client_de(referent).post(reverse("collectivites:profil_collectivite"), donnees)
    assert reponse.status_code == 302
    commune.refresh_from_db()
    assert etape_2()["complete"]
    page = unescape(client_de(referent).get(reverse("tableau_de_bord")).content.decode())
    assert "La démarche a été lancée officiellement le 12/03/2024" in page
    assert "au plus tard le 1er janvier 2025" in page


def test_nature_au_fil_de_la_phrase(commune, epci):
    assert commune.nature_en_phrase == "commune"
    assert epci.nature_en_phrase == "EPCI à fiscalité propre"
