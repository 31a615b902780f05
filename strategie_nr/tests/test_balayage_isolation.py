"""Balayage de toutes les URL du projet : cloisonnement des collectivités et droits des rôles.

Chaque motif d'URL nommé doit figurer dans une des tables ci-dessous ; une URL ajoutée sans y
être déclarée fait échouer ce test, et une URL déclarée mais mal protégée aussi.

- anonyme : toute URL non publique renvoie vers la connexion (GET et POST) ;
- membre de l'EPCI : une URL paramétrée par un objet de la commune donne une 404 (GET et POST ;
  405 pour une méthode que la vue n'accepte pas, quel que soit l'objet), sans rien changer ;
- élu de la commune : tout POST est refusé (403, ou 405 si la vue n'accepte pas POST), sans rien
  changer, sauf les quelques actions personnelles listées ;
- référent de la commune : toute page (GET) reste sous un plafond de requêtes avec la démo (des
  milliers de lignes), et ce nombre ne croît pas quand chaque domaine ajoute des données
  (`grossir` de son `tests/balayage.py`).
"""

import hashlib
from dataclasses import dataclass
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from collectivites.enums import Role
from collectivites.models import Collectivite, Invitation, Membre, Service
from collectivites.services import invitation_creer
from collectivites.tests.factories import MembreFactory
from collectivites.tests.outils import client_connecte
from strategie_nr.demo import demo_charger


@dataclass
class Donnees:
    commune: Collectivite
    epci: Collectivite
    agent: Membre
    elu: Membre
    referent: Membre
    referent_epci: Membre
    invitation: Invitation


# Nom de l'URL → paramètres, pris parmi les objets de la commune.
PARAMETRES = {
    "collectivites:membre_role": lambda d: {"pk": d.agent.pk},
    "collectivites:membre_activite": lambda d: {"pk": d.agent.pk},
    "collectivites:membre_debloquer": lambda d: {"pk": d.agent.pk},
    "collectivites:membre_fonction": lambda d: {"pk": d.agent.pk},
    "collectivites:service_supprimer": lambda d: {
        "pk": Service.objects.for_collectivite(d.commune).order_by("pk").first().pk
    },
    "collectivites:invitation_annuler": lambda d: {"pk": d.invitation.pk},
    "collectivites:invitation_renvoyer": lambda d: {"pk": d.invitation.pk},
    "referentiel:axe": lambda d: {"numero": 1},
    "referentiel:pratique": lambda d: {"code": "a.1"},
    "invitation_accepter": lambda d: {"jeton": "jeton-inconnu"},
    "password_reset_confirm": lambda d: {
        "uidb64": urlsafe_base64_encode(force_bytes(d.agent.utilisateur.pk)),
        "token": default_token_generator.make_token(d.agent.utilisateur),
    },
}

# Pages accessibles sans être connecté.
PUBLIQUES = {
    "connexion",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "invitation_accepter",
}

# Pages sans donnée d'une collectivité dans l'URL : le référentiel commun, les listes et pages
# de la collectivité courante (un membre de l'EPCI y voit les siennes, testé vue par vue).
SANS_OBJET_DE_COLLECTIVITE = {
    "tableau_de_bord",
    "deconnexion",
    "password_change",
    "password_change_done",
    "collectivites:profil",
    "collectivites:profil_collectivite",
    "collectivites:changer",
    "collectivites:membres",
    "collectivites:services",
    "referentiel:index",
    "referentiel:axe",
    "referentiel:pratiques",
    "referentiel:pratique",
}

# Ce qu'un élu peut faire en POST : ses propres réglages, pas ceux de la collectivité.
POST_PERMIS_A_L_ELU = {
    "deconnexion",
    "password_change",
    "collectivites:profil",
    "collectivites:changer",
}


def _grossir_socle(d):
    """Plus de membres de tous les rôles, et d'invitations en attente."""
    for rang in range(6):
        MembreFactory(collectivite=d.commune, role=[Role.AGENT, Role.ELU, Role.REFERENT][rang % 3])
    for rang in range(4):
        invitation_creer(
            collectivite=d.commune,
            email=f"invitee-{rang}@exemple.test",
            role=Role.AGENT,
            invite_par=d.referent.utilisateur,
            url_base="http://testserver/",
        )


# Ajouts de données à la commune : les requêtes d'une page ne doivent pas en dépendre.
GROSSIR = [_grossir_socle]

# Chaque domaine déclare ses URL dans `<application>/tests/balayage.py` (mêmes noms de tables,
# facultatives, et une fonction `grossir`) ; elles s'ajoutent à celles-ci.
for _application in apps.get_app_configs():
    try:
        _tables = import_module(f"{_application.name}.tests.balayage")
    except ModuleNotFoundError as erreur:
        if erreur.name != f"{_application.name}.tests.balayage" and not (
            erreur.name and f"{_application.name}.tests.balayage".startswith(erreur.name)
        ):
            raise
        continue
    PARAMETRES.update(getattr(_tables, "PARAMETRES", {}))
    PUBLIQUES |= getattr(_tables, "PUBLIQUES", set())
    SANS_OBJET_DE_COLLECTIVITE |= getattr(_tables, "SANS_OBJET_DE_COLLECTIVITE", set())
    POST_PERMIS_A_L_ELU |= getattr(_tables, "POST_PERMIS_A_L_ELU", set())
    if hasattr(_tables, "grossir"):
        GROSSIR.append(_tables.grossir)


def motifs_nommes(resolver=None, espace=""):
    resolver = resolver or get_resolver()
    for motif in resolver.url_patterns:
        if isinstance(motif, URLResolver):
            if motif.namespace == "admin":
                continue
            sous_espace = f"{espace}{motif.namespace}:" if motif.namespace else espace
            yield from motifs_nommes(motif, sous_espace)
        elif isinstance(motif, URLPattern) and motif.name:
            yield f"{espace}{motif.name}", motif


def accepte(motif, methode: str) -> bool:
    vue = getattr(motif.callback, "view_class", None)
    if vue is None:
        return True
    return methode in vue.http_method_names and hasattr(vue, methode)


def _tables_des_collectivites() -> list:
    """Les modèles possédés par une collectivité : `Collectivite` et tout modèle qui s'y
    rattache par une suite de clés étrangères (membre, équipement, valeur d'un indicateur…),
    sans le référentiel commun, les sessions ni les tables techniques."""
    possedes = {Collectivite}
    ajoute = True
    while ajoute:
        ajoute = False
        for modele in apps.get_models():
            if modele in possedes:
                continue
            # Une clé vers la collectivité, même facultative (définition d'indicateur propre
            # ou commune) ; vers un autre modèle possédé, obligatoire (un « responsable »
            # facultatif ne fait pas d'une ligne celle d'une collectivité).
            if any(
                champ.related_model is Collectivite or not champ.null
                for champ in modele._meta.concrete_fields
                if champ.is_relation and champ.related_model in possedes
            ):
                possedes.add(modele)
                ajoute = True
    return sorted(possedes, key=lambda modele: modele._meta.label)


TABLES_DES_COLLECTIVITES = _tables_des_collectivites()


def empreinte_base() -> str:
    """Empreinte des tables des collectivités, pour vérifier qu'une requête refusée n'y a rien
    changé."""
    condense = hashlib.sha256()
    for modele in TABLES_DES_COLLECTIVITES:
        condense.update(modele._meta.label.encode())
        for ligne in modele.objects.order_by("pk").values_list():
            # PostgreSQL rend les champs binaires en memoryview, dont le repr est une adresse.
            ligne = tuple(bytes(v) if isinstance(v, memoryview) else v for v in ligne)
            condense.update(repr(ligne).encode())
    return condense.hexdigest()


def _donnees() -> Donnees:
    contexte = demo_charger()
    commune, epci = contexte["commune"], contexte["epci"]
    membres = contexte["membres"]
    referent = membres["referent@demo.test"]
    invitation = invitation_creer(
        collectivite=commune,
        email="invitee@exemple.test",
        role=Role.AGENT,
        invite_par=referent.utilisateur,
        url_base="http://testserver/",
    )
    return Donnees(
        commune=commune,
        epci=epci,
        agent=membres["agent@demo.test"],
        elu=membres["elu@demo.test"],
        referent=referent,
        referent_epci=membres["referent@valdemo.test"],
        invitation=invitation,
    )


MOTIFS = dict(motifs_nommes())
PAGES = [nom for nom, motif in MOTIFS.items() if accepte(motif, "get")]


def _url(nom: str, d: Donnees) -> str:
    return reverse(nom, kwargs=PARAMETRES[nom](d) if nom in PARAMETRES else {})


def _compter(client, url) -> tuple[int, int]:
    """(nombre de requêtes, statut) d'un GET de la page, cache vidé : on compte le cas où
    la réponse se calcule (données ouvertes mises en cache, par exemple)."""
    cache.clear()
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(url)
    if reponse.status_code == 302 and "/travaux/" in reponse.url:
        # Document confié au processus de tâches : la première demande d'un contenu crée le
        # travail, les suivantes le retrouvent ; on compare l'état établi.
        with CaptureQueriesContext(connection) as requetes:
            reponse = client.get(url)
    if reponse.streaming:
        # Fichiers servis tels quels (exemples d'import) : les lire jusqu'au bout ferme la
        # réponse comme le ferait le serveur, sans fermer la connexion à la base (ce que ferait
        # un `close()` direct en pleine transaction de test, sur PostgreSQL).
        b"".join(reponse.streaming_content)
    return len(requetes), reponse.status_code


@dataclass
class Balayage:
    donnees: Donnees
    # Nom de l'URL → (requêtes, statut) de chaque page avant `grossir`.
    avant: dict[str, tuple[int, int]]
    # Empreinte des tables des collectivités au début de chaque test.
    empreinte: str


@pytest.fixture(scope="module")
def balayage(django_db_setup, django_db_blocker):
    """La démo (des milliers de lignes) chargée une fois pour tout le module, dans une
    transaction annulée à la fin ; chaque test tourne dans un point de sauvegarde et n'y laisse
    rien. Les requêtes de chaque page sont comptées, puis chaque domaine ajoute ses données
    (`grossir`) : les tests voient la démo grossie."""
    with django_db_blocker.unblock():
        transaction_du_module = transaction.atomic()
        # Comme les transactions de classe de TestCase : un bloc `durable` du code (l'ajout
        # d'une pièce justificative) reste permis dedans, seul le test l'englobe.
        transaction_du_module._from_testcase = True
        transaction_du_module.__enter__()
        try:
            donnees = _donnees()
            client = client_connecte(donnees.referent)
            urls = {nom: _url(nom, donnees) for nom in PAGES}
            for url in urls.values():
                # Premier passage : les caches de Django (types de contenu…) se remplissent.
                _compter(client, url)
            avant = {nom: _compter(client, url) for nom, url in urls.items()}
            for grossir in GROSSIR:
                grossir(donnees)
            empreinte = empreinte_base()
        except BaseException:
            transaction.set_rollback(True)
            transaction_du_module.__exit__(None, None, None)
            raise
    yield Balayage(donnees=donnees, avant=avant, empreinte=empreinte)
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        transaction_du_module.__exit__(None, None, None)


@pytest.fixture
def donnees(balayage, db):
    return balayage.donnees


@pytest.mark.parametrize("nom", list(MOTIFS))
def test_url_declaree_dans_le_balayage(nom):
    motif = MOTIFS[nom]
    if motif.pattern.converters:
        assert nom in PARAMETRES, f"{nom} : paramètres à déclarer dans PARAMETRES"
    else:
        assert nom in PUBLIQUES or nom in SANS_OBJET_DE_COLLECTIVITE, (
            f"{nom} : à classer (objet de collectivité ou non)"
        )


@pytest.mark.parametrize("nom", list(MOTIFS))
def test_cloisonnement_et_droits(nom, balayage, db):
    """Anonyme renvoyé vers la connexion ; membre de l'EPCI : 404 sur un objet de la commune ;
    élu : POST refusé ; une requête refusée ne change rien (les tables des collectivités
    gardent l'empreinte qu'elles avaient au début du test)."""
    donnees, avant = balayage.donnees, balayage.empreinte
    motif, echecs = MOTIFS[nom], []
    url = _url(nom, donnees)
    connexion = reverse("connexion")

    if nom not in PUBLIQUES:
        anonyme = Client()
        for methode in ("get", "post"):
            reponse = getattr(anonyme, methode)(url)
            if reponse.status_code != 302 or not reponse.url.startswith(connexion):
                echecs.append(f"anonyme {methode.upper()} {url} → {reponse.status_code}")

    if nom not in PUBLIQUES and nom not in SANS_OBJET_DE_COLLECTIVITE:
        client_epci = client_connecte(donnees.referent_epci)
        for methode in ("get", "post"):
            reponse = getattr(client_epci, methode)(url)
            # Une méthode que la vue n'accepte pas donne 405 quel que soit l'objet.
            attendu = 404 if accepte(motif, methode) else 405
            if reponse.status_code != attendu:
                echecs.append(f"EPCI {methode.upper()} {url} → {reponse.status_code}")
        if empreinte_base() != avant:
            echecs.append(f"EPCI POST {url} a modifié des données")

    if nom not in PUBLIQUES and nom not in POST_PERMIS_A_L_ELU:
        reponse = client_connecte(donnees.elu).post(url)
        attendu = 403 if accepte(motif, "post") else 405
        if reponse.status_code not in (403, attendu):
            echecs.append(f"élu POST {url} → {reponse.status_code} (attendu {attendu})")
        if empreinte_base() != avant:
            echecs.append(f"élu POST {url} a modifié des données")

    assert not echecs, "\n".join(echecs)


# Plafond de requêtes d'une page, quelle qu'elle soit (le PDF de la stratégie, qui rassemble tous
# les domaines — synthèse des élus, contrôles AGEC et REEN, fiches en entier —, est la plus
# gourmande : 57 avec les données grossies).
PLAFOND_REQUETES = 60


@pytest.mark.parametrize("nom", PAGES)
def test_requetes_bornees_et_independantes_des_donnees(nom, balayage, db):
    """Le référent de la commune : la page reste sous le plafond, et son nombre de requêtes ne
    croît pas quand chaque domaine ajoute des données (`grossir`)."""
    url = _url(nom, balayage.donnees)
    n_avant, statut_avant = balayage.avant[nom]
    n_apres, statut_apres = _compter(client_connecte(balayage.donnees.referent), url)
    assert statut_avant < 500 and statut_apres < 500, f"{url} → {statut_avant}, {statut_apres}"
    assert n_apres <= PLAFOND_REQUETES, f"{url} : {n_apres} requêtes (plafond {PLAFOND_REQUETES})"
    assert n_apres <= n_avant, (
        f"{url} : {n_avant} → {n_apres} requêtes quand les données augmentent"
    )


def test_l_administration_est_reservee_aux_administrateurs(donnees):
    reponse = client_connecte(donnees.referent).get("/admin/")
    assert reponse.status_code == 302 and reponse.url.startswith("/admin/login/")


# Valeurs hostiles ajoutées à chaque URL : nombres non finis, et caractère nul.
NOMBRES_HOSTILES = ["NaN", "sNaN", "inf", "-Infinity", "1e999999"]
PARAMETRES_COURANTS = [
    "de",
    "a",
    "annee",
    "page",
    "q",
    "tri",
    "type",
    "statut",
    "origine",
    "service",
    "age",
    "famille",
    "priorite",
    "difficulte",
    "axe",
    "version",
    "campagne",
    "nature",
    "label",
]


def _lire(reponse):
    if reponse.streaming:
        b"".join(reponse.streaming_content)
    return reponse


@pytest.mark.parametrize("nom", [nom for nom in MOTIFS if nom != "deconnexion"])
def test_parametres_hostiles(nom, donnees):
    """Aucune URL ne répond 500 à des nombres non finis ni à un caractère nul (%00) dans son
    chemin ou un paramètre : 400 ou 404 avec une page en français, et un POST refusé ne
    change rien."""
    client = client_connecte(donnees.referent)
    motif, echecs = MOTIFS[nom], []
    url = _url(nom, donnees)
    if accepte(motif, "get"):
        for valeur in NOMBRES_HOSTILES:
            requete = "&".join(f"{cle}={valeur}" for cle in PARAMETRES_COURANTS)
            reponse = _lire(client.get(f"{url}?{requete}"))
            if reponse.status_code >= 500:
                echecs.append(f"GET {url}?…={valeur} → {reponse.status_code}")
    avant = empreinte_base() if accepte(motif, "post") else None
    for methode in [m for m in ("get", "post") if accepte(motif, m)]:
        for essai in (f"{url}%00", f"{url}?q=%00", f"{url}?page=1%00"):
            reponse = _lire(getattr(client, methode)(essai))
            html = reponse.content.decode()
            if reponse.status_code not in (400, 404):
                echecs.append(f"{methode.upper()} {essai} → {reponse.status_code}")
            elif "Adresse invalide" not in html and "Page introuvable" not in html:
                echecs.append(f"{methode.upper()} {essai} : page d'erreur pas en français")
        if methode == "post":
            reponse = client.post(url, {"champ\x00": "valeur\x00", "titre": "a\x00b"})
            if reponse.status_code != 400:
                echecs.append(f"POST {url} (formulaire avec %00) → {reponse.status_code}")
    if avant is not None and empreinte_base() != avant:
        echecs.append(f"{url} : une requête hostile a modifié des données")
    assert not echecs, "\n".join(echecs)
