"""L'historique commun : écrit par les services, montré de la même façon sur chaque page, en
français, sans fuite d'une collectivité à l'autre et en un nombre de requêtes fixe."""

import datetime
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collectivites.services import service_creer
from collectivites.tests.factories import MembreFactory
from indicateurs.models import DefinitionIndicateur, IndicateurSuivi, Objectif
from parc.tests.factories import EquipementFactory
from strategie_nr.diagnostic import services as diagnostic
from strategie_nr.diagnostic.models import Question
from strategie_nr.fiches.services import fiche_creer
from strategie_nr.plateforme.enums import ActionHistorique
from strategie_nr.plateforme.models import EntreeHistorique
from strategie_nr.plateforme.services import changement, historique_enregistrer
from strategie_nr.programme.tests.factories import ActionEngageeFactory
from strategie_nr.referentiel.models import Axe


def _page(reponse) -> str:
    assert reponse.status_code == 200
    return unescape(reponse.content.decode())


def test_valeurs_a_la_francaise():
    gabarit = Template(
        '{% load historique %}{% for c in changements %}{{ c|valeur_historique:"avant" }} → '
        '{{ c|valeur_historique:"apres" }}|{% endfor %}{{ le|moment_historique }}'
    )
    changements = [
        changement("date", None, datetime.date(2026, 3, 1)),
        changement("prix", Decimal("1234.50"), Decimal("12500"), nature="montant"),
        changement("quantité", 1500, 2),
        changement("année", 2024, 2026, nature="annee"),
        changement("mutualisé", False, True),
        changement(
            "taux", Decimal("16.70"), None, nature="nombre", unite="pourcentage", decimales=1
        ),
        changement("statut", "En service", "Réformé"),
    ]
    le = datetime.datetime(2026, 3, 15, 14, 32, tzinfo=datetime.UTC)
    texte = gabarit.render(Context({"changements": changements, "le": le}))
    assert texte.split("|") == [
        "(vide) → 1er mars 2026",
        "1\u202f234,5\u00a0€ → 12\u202f500\u00a0€",
        "1\u202f500 → 2",
        "2024 → 2026",
        "non → oui",
        "16,7\u00a0% → (vide)",
        "En service → Réformé",
        "15 mars 2026 à 15:32",  # heure de Paris
    ]


def test_une_modification_sans_changement_n_ecrit_rien(commune, agent):
    assert (
        historique_enregistrer(
            collectivite=commune, auteur=agent, action=ActionHistorique.MODIFICATION, objet_type="x"
        )
        is None
    )
    assert not EntreeHistorique.objects.exists()


def test_reponses_du_diagnostic_dans_l_historique(client_de, commune, agent, referent, elu):
    campagne = diagnostic.campagne_ouvrir(
        collectivite=commune,
        titre="Diagnostic",
        date=datetime.date(2025, 3, 1),
        auteur=referent.utilisateur,
    )
    question = Question.objects.order_by("dimension__numero", "ordre").first()
    diagnostic.reponses_enregistrer(
        campagne=campagne, membre=agent, saisies=[diagnostic.Saisie(question, 2, False)]
    )
    diagnostic.reponses_enregistrer(
        campagne=campagne,
        membre=agent,
        saisies=[diagnostic.Saisie(question, 3, False, commentaire="Charte en cours")],
    )
    entree = EntreeHistorique.objects.de_l_objet("diagnostic.campagne", campagne.pk).first()
    assert (entree.auteur, entree.collectivite) == (agent, commune)
    assert [(c["libelle"], c["avant"], c["apres"]) for c in entree.changements] == [
        (f"question {question.code} – niveau", "2 – Émergent", "3 – Intermédiaire"),
        (f"question {question.code} – commentaire", None, "Charte en cours"),
    ]
    url = reverse("diagnostic:campagne", args=[campagne.pk])
    page = _page(client_de(referent).get(url))
    assert (
        f"<strong>question {question.code} – niveau</strong> : 2 – Émergent → 3 – Intermédiaire"
        in page
    )
    assert "Historique des réponses" not in _page(client_de(elu).get(url))


def test_service_ajoute_dans_l_historique(client_de, commune, referent):
    reponse = client_de(referent).post(reverse("collectivites:services"), {"nom": "Urbanisme"})
    assert reponse.status_code == 302
    entree = EntreeHistorique.objects.get()
    assert (entree.auteur, entree.action, entree.objet_libelle) == (
        referent,
        "creation",
        "Urbanisme",
    )
    page = _page(client_de(referent).get(reverse("collectivites:services")))
    assert f"<td>{referent.utilisateur}</td><td>Création</td><td>Urbanisme</td>" in page


def test_l_historique_d_une_autre_collectivite_n_est_jamais_visible(
    client_de, commune, epci, agent, referent_epci
):
    equipement = EquipementFactory(collectivite=commune, marque="HP")
    service_creer(collectivite=commune, nom="Service secret", auteur=agent)
    historique_enregistrer(
        collectivite=commune,
        auteur=agent,
        action=ActionHistorique.MODIFICATION,
        objet=equipement,
        resume="Modification confidentielle",
    )
    client = client_de(referent_epci)
    assert client.get(reverse("parc:equipement", args=[equipement.pk])).status_code == 404
    for nom in (
        "parc:historique",
        "programme:historique",
        "fiches:historique",
        "collectivites:services",
    ):
        page = _page(client.get(reverse(nom)))
        assert "confidentielle" not in page and "Service secret" not in page
        assert "Aucune modification enregistrée." in page


def _entrees(collectivite, nombre, **objet):
    """`nombre` entrées, chacune d'un membre différent (une requête par auteur se verrait)."""
    for rang in range(nombre):
        historique_enregistrer(
            collectivite=collectivite,
            auteur=MembreFactory(collectivite=collectivite),
            action=ActionHistorique.MODIFICATION,
            changements=[changement("quantité", rang, rang + 1)],
            **objet,
        )


@pytest.fixture
def objets(commune, agent):
    equipement = EquipementFactory(collectivite=commune)
    suivi = IndicateurSuivi.objects.create(
        collectivite=commune,
        definition=DefinitionIndicateur.objects.filter(collectivite=None).first(),
    )
    fiche = fiche_creer(
        collectivite=commune,
        auteur=agent,
        donnees={
            "axe": Axe.objects.get(numero=1),
            "titre": "Former",
            "responsable": agent,
            "debut": datetime.date(2025, 4, 1),
            "fin": datetime.date(2025, 6, 1),
        },
    )
    campagne = diagnostic.campagne_ouvrir(
        collectivite=commune,
        titre="Diagnostic",
        date=datetime.date(2025, 3, 1),
        auteur=agent.utilisateur,
    )
    action = ActionEngageeFactory(collectivite=commune)
    return {
        "parc:historique": ([], {"objet": equipement}),
        "parc:equipement": ([equipement.pk], {"objet": equipement}),
        "indicateurs:suivi": ([suivi.pk], {"objet": suivi}),
        "fiches:historique": ([], {"objet_type": "fiches.ficheaction", "objet_cle": fiche.lignee}),
        "fiches:fiche": (
            [fiche.pk],
            {"objet_type": "fiches.ficheaction", "objet_cle": fiche.lignee},
        ),
        "programme:historique": ([], {"objet": action}),
        "programme:actions": ([], {"objet": action}),
        "diagnostic:campagne": ([campagne.pk], {"objet": campagne}),
        "collectivites:services": ([], {"objet_type": "collectivites.service", "objet_cle": 1}),
    }


@pytest.mark.parametrize(
    "nom",
    [
        "parc:historique",
        "parc:equipement",
        "indicateurs:suivi",
        "fiches:historique",
        "fiches:fiche",
        "programme:historique",
        "programme:actions",
        "diagnostic:campagne",
        "collectivites:services",
    ],
)
def test_requetes_independantes_du_nombre_d_entrees(client_de, commune, referent, objets, nom):
    arguments, objet = objets[nom]
    client = client_de(referent)
    url = reverse(nom, args=arguments)
    _entrees(commune, 2, **objet)
    client.get(url)  # caches (session, sites) chauds
    with CaptureQueriesContext(connection) as peu:
        _page(client.get(url))
    _entrees(commune, 30, **objet)
    with CaptureQueriesContext(connection) as beaucoup:
        page = _page(client.get(url))
    if nom != "programme:actions":  # la liste n'en montre que le dernier auteur
        assert page.count("<strong>quantité</strong>") >= 30
    assert len(beaucoup.captured_queries) == len(peu.captured_queries)


def test_role_d_un_membre_et_effectifs_dans_l_historique(client_de, commune, agent, referent):
    client = client_de(referent)
    reponse = client.post(
        reverse("collectivites:membre_role", args=[agent.pk]), {"role": "referent"}
    )
    assert reponse.status_code == 302
    entree = EntreeHistorique.objects.get(objet_type="collectivites.membre")
    assert (entree.auteur, entree.objet_libelle) == (referent, str(agent.utilisateur))
    assert [(c["libelle"], c["avant"], c["apres"]) for c in entree.changements] == [
        ("rôle", "Agent", "Référent numérique responsable")
    ]
    page = _page(client.get(reverse("collectivites:membres")))
    assert "<strong>rôle</strong> : Agent → Référent numérique responsable" in page
    donnees = {
        "population": "52000",
        "nombre_agents": "1200",
        "siret": "",
        "lancement_officiel_le": "",
    }
    reponse = client.post(reverse("collectivites:profil_collectivite"), donnees)
    assert reponse.status_code == 302
    page = _page(client.get(reverse("collectivites:profil_collectivite")))
    assert "<strong>population (habitants)</strong> : 60\u202f000 → 52\u202f000</li>" in page


def test_objectif_modifie_puis_supprime(client_de, commune, referent):
    objectif = Objectif.objects.create(
        collectivite=commune, axe=Axe.objects.get(numero=2), enonce="Donner 100 postes"
    )
    client = client_de(referent)
    url = reverse("indicateurs:objectif_modifier", args=[objectif.pk])
    donnees = {"axe": objectif.axe_id, "enonce": "Donner 150 postes", "periodicite": "pluriannuel"}
    assert client.post(url, donnees).status_code == 302
    page = _page(client.get(url))
    assert "<strong>objectif</strong> : Donner 100 postes → Donner 150 postes</li>" in page
    client.post(reverse("indicateurs:objectif_supprimer", args=[objectif.pk]))
    entree = EntreeHistorique.objects.for_collectivite(commune).first()
    assert (entree.action, entree.auteur, entree.objet_libelle) == (
        "suppression",
        referent,
        "Donner 150 postes",
    )
