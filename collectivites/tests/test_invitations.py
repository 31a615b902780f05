import datetime
import re

import pytest
from django.core import mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from collectivites.enums import EnvoiInvitation, Role
from collectivites.models import Invitation, Membre, Utilisateur
from collectivites.tests.factories import MOT_DE_PASSE, InvitationFactory, UtilisateurFactory

pytestmark = pytest.mark.django_db

URL_MEMBRES = reverse("collectivites:membres")
NOUVEAU_MDP = "Sobriete-numerique-2026"


@pytest.fixture
def inviter(executer_travaux):
    """Invite depuis la page des membres, puis laisse le processus de tâches envoyer le
    courriel ; rend le chemin du lien reçu."""

    def inviter(client, email="nouvelle@exemple.test", role=Role.AGENT, fonction="Achats"):
        mail.outbox.clear()
        reponse = client.post(URL_MEMBRES, {"email": email, "role": role, "fonction": fonction})
        assert reponse.status_code == 302, reponse.content.decode()
        assert mail.outbox == []  # rien ne part pendant la requête
        executer_travaux()
        return lien_recu()

    return inviter


def lien_recu():
    return re.search(r"http://testserver(/invitation/[^/\s]+/)", mail.outbox[-1].body).group(1)


def creer_compte(client, lien, **donnees):
    valeurs = {
        "prenom": "Inès",
        "nom": "Garnier",
        "mot_de_passe": NOUVEAU_MDP,
        "mot_de_passe_confirmation": NOUVEAU_MDP,
    }
    valeurs.update(donnees)
    return client.post(lien, valeurs)


def test_cycle_complet_d_une_invitation(inviter, client, client_de, referent, commune):
    lien = inviter(client_de(referent), role=Role.ELU)
    message = mail.outbox[-1]
    assert message.to == ["nouvelle@exemple.test"]
    assert "7 jours" in message.body and commune.nom in message.subject
    invitation = Invitation.objects.get()
    assert lien.split("/")[2] not in invitation.jeton_empreinte  # seul le hachage est gardé

    page = client.get(lien)
    assert page.status_code == 200
    assert "Choisissez votre mot de passe" in page.content.decode()

    reponse = creer_compte(client, lien)
    assert reponse.status_code == 302 and reponse.url == reverse("tableau_de_bord")
    membre = Membre.objects.get(utilisateur__email="nouvelle@exemple.test")
    assert membre.collectivite == commune and membre.role == Role.ELU
    assert client.get(reverse("tableau_de_bord")).status_code == 200  # connectée

    # Usage unique : le lien ne sert plus.
    autre = client.__class__()
    page = autre.get(lien)
    assert "n'est plus valable" in page.content.decode()
    assert creer_compte(autre, lien, nom="Intrus").status_code == 410
    assert Utilisateur.objects.filter(email="nouvelle@exemple.test").count() == 1


def test_une_invitation_expiree_est_refusee(inviter, client, client_de, referent):
    lien = inviter(client_de(referent))
    Invitation.objects.update(expire_le=timezone.now() - datetime.timedelta(minutes=1))
    assert "a expiré" in client.get(lien).content.decode()
    assert creer_compte(client, lien).status_code == 410
    assert not Utilisateur.objects.filter(email="nouvelle@exemple.test").exists()


def test_l_invitation_est_valable_sept_jours(inviter, client_de, referent):
    inviter(client_de(referent))
    invitation = Invitation.objects.get()
    duree = invitation.expire_le - invitation.cree_le
    assert datetime.timedelta(days=6, hours=23) < duree <= datetime.timedelta(days=7)


def test_un_jeton_inconnu_donne_une_404(client):
    assert client.get("/invitation/jeton-invente/").status_code == 404
    assert client.get("/invitation/" + "x" * 300 + "/").status_code == 404


def test_mots_de_passe_differents_ou_trop_faibles(inviter, client, client_de, referent):
    lien = inviter(client_de(referent))
    reponse = creer_compte(client, lien, mot_de_passe_confirmation="autre-chose-2026")
    assert reponse.status_code == 400
    assert "Les deux mots de passe diffèrent." in reponse.content.decode()
    assert 'value="Garnier"' in reponse.content.decode()  # la saisie est conservée
    reponse = creer_compte(client, lien, mot_de_passe="123", mot_de_passe_confirmation="123")
    assert reponse.status_code == 400
    assert not Utilisateur.objects.filter(email="nouvelle@exemple.test").exists()
    assert Invitation.objects.get().utilisable


def test_une_personne_deja_inscrite_se_connecte_pour_accepter(
    inviter, client, client_de, referent, epci
):
    existante = UtilisateurFactory(email="dsi@mutualisee.test")
    lien = inviter(client_de(referent), email="DSI@mutualisee.test")
    assert "Un compte existe déjà" in client.get(lien).content.decode()
    # Une autre personne connectée ne peut pas l'utiliser.
    intrus = UtilisateurFactory()
    client.force_login(intrus)
    reponse = client.post(lien)
    assert reponse.status_code == 400
    assert "envoyée à une autre adresse" in reponse.content.decode()
    assert not Membre.objects.filter(utilisateur=intrus).exists()
    client.force_login(existante)
    reponse = client.post(lien)
    assert reponse.status_code == 302
    assert Membre.objects.filter(utilisateur=existante, collectivite=referent.collectivite).exists()


def test_on_n_invite_pas_un_membre_actif(client_de, referent, agent):
    reponse = client_de(referent).post(
        URL_MEMBRES,
        {"email": agent.utilisateur.email.upper(), "role": Role.AGENT, "fonction": "DSI"},
    )
    assert reponse.status_code == 400
    assert "déjà membre" in reponse.content.decode()
    assert not Invitation.objects.exists()


def test_adresse_invalide(client_de, referent):
    reponse = client_de(referent).post(URL_MEMBRES, {"email": "pas-une-adresse", "role": "x"})
    assert reponse.status_code == 400
    contenu = reponse.content.decode()
    assert "Saisissez une adresse de courriel valide." in contenu
    assert not Invitation.objects.exists()


def test_annuler_une_invitation_d_une_autre_collectivite_donne_404(
    inviter, client_de, referent, referent_epci
):
    inviter(client_de(referent))
    invitation = Invitation.objects.get()
    url = reverse("collectivites:invitation_annuler", args=[invitation.pk])
    assert client_de(referent_epci).post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.utilisable
    assert client_de(referent).post(url).status_code == 302
    invitation.refresh_from_db()
    assert not invitation.utilisable


def test_l_invitation_ne_donne_acces_qu_a_sa_collectivite(
    inviter, client, client_de, referent, epci
):
    lien = inviter(client_de(referent))
    creer_compte(client, lien)
    utilisateur = Utilisateur.objects.get(email="nouvelle@exemple.test")
    adhesions = Membre.objects.filter(utilisateur=utilisateur)
    assert list(adhesions.values_list("collectivite", flat=True)) == [referent.collectivite_id]
    assert client.login(request=HttpRequest(), email="nouvelle@exemple.test", password=NOUVEAU_MDP)
    assert MOT_DE_PASSE != NOUVEAU_MDP


class ServeurDeCourrielEnPanne:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("serveur SMTP injoignable")


def test_serveur_de_courriel_en_panne_l_invitation_reste_et_se_renvoie(
    client, client_de, referent, settings, executer_travaux
):
    settings.EMAIL_BACKEND = f"{__name__}.ServeurDeCourrielEnPanne"
    settings.TRAVAUX_DELAI_REPRISE = 0
    gestion = client_de(referent)
    reponse = gestion.post(
        URL_MEMBRES, {"email": "nouvelle@exemple.test", "role": Role.AGENT, "fonction": "DSI"}
    )
    assert reponse.status_code == 302  # la requête n'attend pas le serveur de messagerie
    invitation = Invitation.objects.get()
    assert invitation.envoi == EnvoiInvitation.EN_COURS
    assert "Courriel en cours d'envoi." in gestion.get(URL_MEMBRES).content.decode()
    executer_travaux()
    invitation.refresh_from_db()
    assert invitation.envoi == EnvoiInvitation.ECHOUE and invitation.utilisable
    essais = DBTaskResult.objects.filter(task_path__endswith="envoyer_courriel")
    assert essais.count() == 3  # réessayé, puis le dernier essai échoue pour de bon
    assert essais.filter(status="FAILED").count() == 1
    page = gestion.get(URL_MEMBRES).content.decode()
    assert "Invitation non envoyée : le serveur de messagerie n'a pas répondu." in page
    renvoyer = reverse("collectivites:invitation_renvoyer", args=[invitation.pk])
    assert f'action="{renvoyer}"' in page
    # Le serveur revient : « Renvoyer » envoie un lien neuf, qui fonctionne.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ancienne_empreinte = invitation.jeton_empreinte
    assert gestion.post(renvoyer).status_code == 302
    # Un double clic : le second « Renvoyer » n'envoie rien de plus, et le dit.
    double = gestion.post(renvoyer, follow=True).content.decode()
    assert "en cours d&#x27;envoi : attendez quelques instants" in double
    executer_travaux()
    invitation.refresh_from_db()
    assert invitation.envoi == EnvoiInvitation.ENVOYEE
    assert invitation.jeton_empreinte != ancienne_empreinte
    assert Invitation.objects.count() == 1
    (message,) = mail.outbox
    assert message.to == ["nouvelle@exemple.test"]
    assert "Invitation non envoyée" not in gestion.get(URL_MEMBRES).content.decode()
    assert "Choisissez votre mot de passe" in client.get(lien_recu()).content.decode()


def test_renvoyer_une_invitation_protege(client, client_de, referent, agent, referent_epci):
    invitation = InvitationFactory(collectivite=referent.collectivite)
    url = reverse("collectivites:invitation_renvoyer", args=[invitation.pk])
    assert client.post(url).url.startswith(reverse("connexion"))
    assert client_de(agent).post(url).status_code == 403
    assert client_de(referent_epci).post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.envoi == EnvoiInvitation.ENVOYEE and not DBTaskResult.objects.exists()


def test_une_invitation_annulee_ne_se_renvoie_pas(client_de, referent, inviter):
    inviter(client_de(referent))
    invitation = Invitation.objects.get()
    gestion = client_de(referent)
    gestion.post(reverse("collectivites:invitation_annuler", args=[invitation.pk]))
    mail.outbox.clear()
    reponse = gestion.post(
        reverse("collectivites:invitation_renvoyer", args=[invitation.pk]), follow=True
    )
    assert "elle ne se renvoie plus" in reponse.content.decode()
    invitation.refresh_from_db()
    assert invitation.annulee_le is not None and invitation.envoi == EnvoiInvitation.ENVOYEE


def test_l_invitation_demande_la_fonction_qui_suit_la_personne(
    inviter, client, client_de, referent
):
    client = client_de(referent)
    reponse = client.post(URL_MEMBRES, {"email": "sans-fonction@exemple.test", "role": "agent"})
    assert reponse.status_code == 400
    assert "Indiquez la fonction de la personne invitée." in reponse.content.decode()
    assert not Invitation.objects.exists()
    lien = inviter(client, fonction="Commande publique")
    creer_compte(client, lien)
    membre = Membre.objects.get(utilisateur__email="nouvelle@exemple.test")
    assert membre.fonction == "Commande publique"


def test_le_referent_modifie_la_fonction_d_un_membre(client_de, referent, agent, elu, epci):
    url = reverse("collectivites:membre_fonction", args=[agent.pk])
    assert client_de(elu).post(url, {"fonction": "X"}).status_code == 403
    autre = Membre.objects.create(
        collectivite=epci, utilisateur=referent.utilisateur, role=Role.REFERENT
    )
    assert client_de(autre).post(url, {"fonction": "X"}).status_code == 404
    assert client_de(referent).post(url, {"fonction": "  Formation, RH "}).status_code == 302
    agent.refresh_from_db()
    assert agent.fonction == "Formation, RH"
