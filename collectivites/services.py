import datetime
import secrets

from axes.utils import reset as axes_reset
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from strategie_nr.plateforme.enums import ActionHistorique
from strategie_nr.plateforme.services import differences, historique_enregistrer, instantane

from .courriels import courriel_envoyer
from .enums import EnvoiInvitation, Role
from .models import Collectivite, Invitation, Membre, Service, Utilisateur, cle_de_service
from .selectors import referents_actifs


@transaction.atomic
def utilisateur_modifier_profil(
    *, utilisateur: Utilisateur, prenom: str, nom: str, recevoir_rappels: bool
) -> Utilisateur:
    utilisateur.first_name = prenom
    utilisateur.last_name = nom
    utilisateur.recevoir_rappels = recevoir_rappels
    utilisateur.full_clean()
    utilisateur.save(update_fields=["first_name", "last_name", "recevoir_rappels"])
    return utilisateur


@transaction.atomic
def invitation_creer(
    *,
    collectivite: Collectivite,
    email: str,
    role: str,
    invite_par: Utilisateur,
    url_base: str,
    fonction: str = "",
) -> Invitation:
    """Crée l'invitation et confie le courriel qui porte son lien aux processus de tâches.

    Le jeton n'est conservé que sous forme d'empreinte. Si le serveur de messagerie ne répond
    pas, l'invitation reste (« non envoyée ») et le référent la renvoie depuis la page des
    membres.
    """
    email = email.strip().lower()
    if Membre.objects.filter(
        collectivite=collectivite, utilisateur__email__iexact=email, actif=True
    ).exists():
        raise ValidationError({"email": "Cette personne est déjà membre de la collectivité."})
    # Une nouvelle invitation remplace celles encore en attente pour la même adresse.
    Invitation.objects.for_collectivite(collectivite).en_attente().filter(email=email).update(
        annulee_le=timezone.now()
    )
    invitation = Invitation(
        collectivite=collectivite,
        email=email,
        role=role,
        fonction=fonction.strip(),
        invite_par=invite_par,
    )
    _invitation_envoyer(invitation=invitation, url_base=url_base)
    return invitation


def _invitation_envoyer(*, invitation: Invitation, url_base: str) -> None:
    """Un nouveau lien (l'ancien ne sert plus), valable de nouveau tous ses jours, et son
    courriel mis en file une fois la transaction validée."""
    jeton = secrets.token_urlsafe(32)
    invitation.jeton_empreinte = Invitation.empreinte(jeton)
    invitation.expire_le = timezone.now() + datetime.timedelta(
        days=settings.INVITATION_VALIDITE_JOURS
    )
    invitation.envoi = EnvoiInvitation.EN_COURS
    invitation.full_clean()
    invitation.save()
    courriel_envoyer(
        sujet=(
            f"Invitation à rejoindre {invitation.collectivite} — stratégie numérique responsable"
        ),
        gabarit="collectivites/emails/invitation.txt",
        contexte={
            "invitation": invitation,
            "lien": f"{url_base.rstrip('/')}/invitation/{jeton}/",
            "jours": settings.INVITATION_VALIDITE_JOURS,
        },
        destinataires=[invitation.email],
        invitation=invitation.pk,
    )


@transaction.atomic
def invitation_renvoyer(*, invitation: Invitation, url_base: str) -> Invitation:
    """Renvoie une invitation en attente (courriel non parti, perdu ou effacé) avec un lien neuf."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.acceptee_le is not None or invitation.annulee_le is not None:
        raise ValidationError(
            "Cette invitation a été acceptée ou annulée : elle ne se renvoie plus."
        )
    if invitation.envoi == EnvoiInvitation.EN_COURS:
        # Un double clic : le premier envoi est en file, le second n'enverrait qu'un doublon.
        raise ValidationError(
            "Le courriel de cette invitation est en cours d'envoi : attendez quelques instants."
        )
    _invitation_envoyer(invitation=invitation, url_base=url_base)
    return invitation


def invitation_trouver(jeton: str) -> Invitation | None:
    if not jeton or len(jeton) > 100:
        return None
    return (
        Invitation.objects.select_related("collectivite")
        .filter(jeton_empreinte=Invitation.empreinte(jeton))
        .first()
    )


@transaction.atomic
def invitation_accepter(
    *,
    invitation: Invitation,
    utilisateur: Utilisateur | None = None,
    prenom: str = "",
    nom: str = "",
    mot_de_passe: str = "",
) -> Membre:
    """Accepte l'invitation : crée le compte si besoin, puis l'adhésion. Usage unique."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.utilisable:
        raise ValidationError("Cette invitation n'est plus valable : demandez-en une nouvelle.")
    if utilisateur is None:
        if Utilisateur.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError("Un compte existe déjà pour cette adresse : connectez-vous.")
        utilisateur = Utilisateur(email=invitation.email, first_name=prenom, last_name=nom)
        utilisateur.set_password(mot_de_passe)
        utilisateur.full_clean()
        utilisateur.save()
    elif utilisateur.email.lower() != invitation.email.lower():
        raise ValidationError("Cette invitation a été envoyée à une autre adresse e-mail.")
    membre, _ = Membre.objects.get_or_create(
        collectivite=invitation.collectivite,
        utilisateur=utilisateur,
        defaults={"role": invitation.role},
    )
    membre.role = invitation.role
    membre.fonction = invitation.fonction or membre.fonction
    membre.actif = True
    membre.full_clean()
    membre.save()
    invitation.acceptee_le = timezone.now()
    invitation.save(update_fields=["acceptee_le"])
    return membre


def _historique_modification(objet, *, auteur, avant: dict, champs: list, libelle: str = ""):
    """L'entrée de l'historique commun d'une modification (rien si rien n'a changé)."""
    historique_enregistrer(
        collectivite=objet.collectivite_id if isinstance(objet, Membre) else objet.pk,
        auteur=auteur,
        action=ActionHistorique.MODIFICATION,
        objet=objet,
        objet_libelle=libelle,
        changements=differences(avant, instantane(objet, champs)),
    )


@transaction.atomic
def membre_modifier_fonction(*, membre: Membre, fonction: str, auteur=None) -> Membre:
    avant = instantane(membre, ["fonction"])
    membre.fonction = fonction.strip()
    membre.full_clean()
    membre.save(update_fields=["fonction"])
    _historique_modification(
        membre, auteur=auteur, avant=avant, champs=["fonction"], libelle=str(membre.utilisateur)
    )
    return membre


@transaction.atomic
def invitation_annuler(*, invitation: Invitation) -> None:
    if invitation.acceptee_le is None and invitation.annulee_le is None:
        invitation.annulee_le = timezone.now()
        invitation.save(update_fields=["annulee_le"])


def _verifier_reste_un_referent(membre: Membre, *, nouveau_role: str, actif: bool) -> None:
    if membre.role != Role.REFERENT or not membre.actif:
        return
    if nouveau_role == Role.REFERENT and actif:
        return
    if not referents_actifs(membre.collectivite).exclude(pk=membre.pk).exists():
        raise ValidationError(
            "La collectivité doit garder au moins un référent actif : "
            "nommez d'abord un autre référent."
        )


@transaction.atomic
def membre_changer_role(*, membre: Membre, role: str, auteur=None) -> Membre:
    membre = Membre.objects.select_for_update().select_related("utilisateur").get(pk=membre.pk)
    _verifier_reste_un_referent(membre, nouveau_role=role, actif=membre.actif)
    avant = instantane(membre, ["role"])
    membre.role = role
    membre.full_clean()
    membre.save(update_fields=["role"])
    _historique_modification(
        membre, auteur=auteur, avant=avant, champs=["role"], libelle=str(membre.utilisateur)
    )
    return membre


@transaction.atomic
def membre_changer_activite(*, membre: Membre, actif: bool, auteur=None) -> Membre:
    membre = Membre.objects.select_for_update().select_related("utilisateur").get(pk=membre.pk)
    _verifier_reste_un_referent(membre, nouveau_role=membre.role, actif=actif)
    avant = instantane(membre, ["actif"])
    membre.actif = actif
    membre.save(update_fields=["actif"])
    _historique_modification(
        membre, auteur=auteur, avant=avant, champs=["actif"], libelle=str(membre.utilisateur)
    )
    return membre


@transaction.atomic
def collectivite_modifier_effectifs(
    *,
    collectivite: Collectivite,
    population: int,
    nombre_agents: int,
    siret: str | None = None,
    lancement_officiel_le: datetime.date | None = None,
    auteur=None,
) -> Collectivite:
    """Effectifs, SIRET s'il est donné (vérifié : 14 chiffres, clé de Luhn) et date du lancement
    officiel (l'étape 2, que le référent déclare faite)."""
    # L'objet a pu être rempli par un formulaire : « avant » est relu en base.
    avant = instantane(Collectivite.objects.get(pk=collectivite.pk), _CHAMPS_EFFECTIFS)
    collectivite.population = population
    collectivite.nombre_agents = nombre_agents
    if siret is not None:
        collectivite.siret = siret
    collectivite.lancement_officiel_le = lancement_officiel_le
    collectivite.full_clean()
    collectivite.save(
        update_fields=["population", "nombre_agents", "siret", "lancement_officiel_le"]
    )
    _historique_modification(collectivite, auteur=auteur, avant=avant, champs=_CHAMPS_EFFECTIFS)
    return collectivite


_CHAMPS_EFFECTIFS = ["population", "nombre_agents", "siret", "lancement_officiel_le"]


def membre_debloquer(*, membre: Membre) -> int:
    """Efface les échecs de connexion du compte de ce membre : il peut se reconnecter tout de
    suite. Renvoie le nombre d'enregistrements d'échecs effacés."""
    return axes_reset(username=membre.utilisateur.email)


@transaction.atomic
def service_creer(*, collectivite: Collectivite, nom: str, auteur=None) -> Service:
    service = Service(collectivite=collectivite, nom=nom)
    service.full_clean()
    service.save()
    historique_enregistrer(
        collectivite=collectivite,
        auteur=auteur,
        action=ActionHistorique.CREATION,
        objet=service,
        changements=differences({}, instantane(service, ["nom"])),
    )
    return service


@transaction.atomic
def service_supprimer(*, service: Service, auteur=None) -> None:
    """Retire le service de la liste ; les équipements qui le portent gardent son nom."""
    historique_enregistrer(
        collectivite=service.collectivite_id,
        auteur=auteur,
        action=ActionHistorique.SUPPRESSION,
        objet=service,
    )
    service.delete()


class ServicesCanoniques:
    """Le nom de la liste pour un service tapé ou lu dans un fichier (« urbanisme » →
    « Urbanisme ») ; un service encore inconnu est ajouté à la liste de la collectivité."""

    def __init__(self, collectivite: Collectivite):
        self.collectivite = collectivite
        self.noms = dict(Service.objects.for_collectivite(collectivite).values_list("cle", "nom"))

    def __call__(self, texte: str) -> str:
        nom = " ".join((texte or "").split())[:150]
        cle = cle_de_service(nom)
        if not cle:
            return ""
        if cle not in self.noms:
            self.noms[cle] = service_creer(collectivite=self.collectivite, nom=nom).nom
        return self.noms[cle]
