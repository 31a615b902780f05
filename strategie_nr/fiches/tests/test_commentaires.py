"""Discussion d'une fiche : messages des membres, mentions prévenues par e-mail, une fois."""

import datetime
import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from collectivites.tests.factories import MembreFactory, UtilisateurFactory
from strategie_nr.fiches.mentions import mentions_trouver
from strategie_nr.fiches.models import CommentaireFiche
from strategie_nr.fiches.services import (
    feuille_de_route_nouvelle_version,
    feuille_de_route_soumettre,
    feuille_de_route_valider,
    fiche_supprimer,
)

pytestmark = pytest.mark.django_db


def _membre(collectivite, email, **kwargs):
    return MembreFactory(
        collectivite=collectivite, utilisateur=UtilisateurFactory(email=email), **kwargs
    )


def test_mentions_par_pseudo_ou_adresse(commune):
    marie = _membre(commune, "marie.durand@ville.test")
    jean_1 = _membre(commune, "jean@ville.test")
    jean_2 = _membre(commune, "jean@prestataire.test")
    texte = (
        "Merci @marie.durand. Voir avec @jean@prestataire.test et @Marie.Durand ; "
        "@jean ? écrire à contact@ville.test ; @inconnu"
    )
    mentions = mentions_trouver(texte, [marie, jean_1, jean_2])
    assert mentions.membres == [marie, jean_2]
    assert mentions.ambigus == ["jean"]
    assert mentions.inconnus == ["inconnu"]


def _commenter(client, fiche, texte, jeton=None):
    return client.post(
        reverse("fiches:commenter", args=[fiche.pk]),
        {"texte": texte, "jeton": str(jeton or uuid.uuid4())},
    )


def test_commentaire_affiche_avec_auteur_et_date_et_echappe(client_de, agent, elu, fiche):
    reponse = _commenter(client_de(agent), fiche, "<script>alert(1)</script>\nÀ suivre")
    assert reponse.status_code == 302
    page = client_de(elu).get(fiche.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>À suivre" in page
    assert "<script>alert(1)" not in page
    assert str(agent.utilisateur) in page
    commentaire = CommentaireFiche.objects.get()
    assert date_format(timezone.localtime(commentaire.cree_le), "j F Y") in page
    # L'élu lit, mais n'a pas de formulaire et ne peut pas écrire.
    assert "Envoyer le commentaire" not in page
    assert _commenter(client_de(elu), fiche, "Moi aussi").status_code == 403
    assert CommentaireFiche.objects.count() == 1


def test_mention_envoie_un_courriel_une_fois_apres_validation(
    client_de, agent, referent, fiche, executer_travaux
):
    pseudo = referent.utilisateur.email.split("@")[0]
    jeton = uuid.uuid4()
    client = client_de(agent)
    assert (
        _commenter(client, fiche, f"@{pseudo} peux-tu relire ? @{pseudo}", jeton).status_code == 302
    )
    assert (
        _commenter(client, fiche, f"@{pseudo} peux-tu relire ? @{pseudo}", jeton).status_code == 302
    )
    executer_travaux()
    assert CommentaireFiche.objects.count() == 1
    assert len(mail.outbox) == 1
    courriel = mail.outbox[0]
    assert courriel.to == [referent.utilisateur.email]
    assert fiche.titre in courriel.subject
    assert "peux-tu relire" in courriel.body
    assert f"/feuille-de-route/fiche/{fiche.pk}/" in courriel.body
    assert list(CommentaireFiche.objects.get().mentions.all()) == [referent]


def test_mention_inconnue_signalee_et_personne_prevenu(client_de, agent, fiche, executer_travaux):
    client = client_de(agent)
    reponse = client.post(
        reverse("fiches:commenter", args=[fiche.pk]),
        {"texte": "Voir avec @personne", "jeton": str(uuid.uuid4())},
        follow=True,
    )
    page = reponse.content.decode()
    assert "Aucun membre actif ne répond à @personne" in page
    executer_travaux()
    assert mail.outbox == []


def test_commentaire_vide_ou_trop_long_refuse_saisie_gardee(client_de, agent, fiche):
    client = client_de(agent)
    vide = _commenter(client, fiche, "   ")
    assert vide.status_code == 400
    assert "Écrivez votre commentaire" in vide.content.decode()
    long = _commenter(client, fiche, "x" * 5001)
    assert long.status_code == 400
    assert "5000 caractères au plus" in long.content.decode()
    assert "x" * 5001 in long.content.decode()
    assert not CommentaireFiche.objects.exists()


def test_double_clic_un_seul_commentaire_et_retour_a_la_discussion(client_de, agent, fiche):
    client, jeton = client_de(agent), uuid.uuid4()
    premier = _commenter(client, fiche, "Relu", jeton=jeton)
    assert premier.status_code == 302
    assert premier.url == fiche.get_absolute_url() + "#commentaires"
    second = _commenter(client, fiche, "Relu", jeton=jeton)
    assert second.url == fiche.get_absolute_url() + "#commentaires"
    page = client.get(second.url).content.decode()
    assert "Commentaire enregistré." in page
    assert "Ce commentaire était déjà enregistré." in page
    assert CommentaireFiche.objects.count() == 1


def test_autre_collectivite_404(client_de, referent_epci, fiche):
    assert _commenter(client_de(referent_epci), fiche, "Intrus").status_code == 404
    assert not CommentaireFiche.objects.exists()


def test_discussion_garde_avec_l_historique_de_la_fiche(client_de, agent, referent, fiche):
    _commenter(client_de(agent), fiche, "Avant la validation")
    version = fiche.version
    feuille_de_route_soumettre(version=version, auteur=agent, notifier=False)
    feuille_de_route_valider(
        version=version, auteur=referent, date_copil=datetime.date(2025, 1, 15), notifier=False
    )
    v2 = feuille_de_route_nouvelle_version(
        collectivite=fiche.version.feuille_de_route.collectivite, auteur=referent
    )
    copie = v2.fiches.get(lignee=fiche.lignee)
    page = client_de(agent).get(copie.get_absolute_url()).content.decode()
    assert "Avant la validation" in page
    assert "(version v1)" in page
    _commenter(client_de(agent), copie, "Dans la v2")
    # Retirée du brouillon, la fiche garde sa discussion, visible depuis la v1.
    fiche_supprimer(fiche=copie, auteur=referent)
    page_v1 = client_de(agent).get(fiche.get_absolute_url()).content.decode()
    assert "Avant la validation" in page_v1 and "Dans la v2" in page_v1
    assert CommentaireFiche.objects.count() == 2
