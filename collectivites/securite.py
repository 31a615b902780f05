"""Protection de la connexion (django-axes) : adresse du client derrière les proxys de
confiance, identifiant normalisé, page de blocage en français, limite des demandes de
réinitialisation du mot de passe.

Les échecs de connexion sont comptés en base (gestionnaire de base de données d'axes) : tous
les processus, sur toutes les machines, voient les mêmes. Un compte est bloqué après
`CONNEXION_TENTATIVES_MAX` échecs, quelle que soit l'adresse d'où ils viennent ; des échecs
sur des adresses e-mail inventées ne bloquent personne d'autre.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone


def adresse_client(request) -> str:
    """L'adresse du client : `REMOTE_ADDR`, ou, derrière `PROXIES_DE_CONFIANCE` proxys, celle
    que le plus éloigné d'entre eux a ajoutée à `X-Forwarded-For` ; ce qu'un client écrit
    lui-même dans cet en-tête, plus à gauche, est ignoré."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxys = settings.PROXIES_DE_CONFIANCE
    if not proxys:
        return remote
    chaine = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chaine = [a for a in chaine if a]
    if not chaine:
        return remote
    return chaine[-proxys] if len(chaine) >= proxys else chaine[0]


def identifiant_de_connexion(request, credentials) -> str:
    """L'adresse e-mail saisie, sans espaces ni majuscules (le compte, pas sa graphie)."""
    valeur = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if valeur is None and request is not None:
        valeur = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    return (valeur or "").strip().lower()


def duree_de_blocage() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.CONNEXION_BLOCAGE_SECONDES)


def reponse_connexion_bloquee(request, original_response=None, credentials=None):
    """Page 429 en français : pourquoi, et à quelle heure réessayer.

    Chaque nouvel échec pendant le blocage le prolonge : l'heure donnée compte depuis maintenant.
    """
    reessayer = timezone.localtime(timezone.now() + duree_de_blocage())
    return render(
        request,
        "registration/connexion_bloquee.html",
        {
            "reessayer_a": reessayer,
            "meme_jour": reessayer.date() == timezone.localdate(),
            "minutes": settings.CONNEXION_BLOCAGE_SECONDES // 60,
        },
        status=429,
    )


def _cle(nature: str, valeur: str) -> str:
    return f"reinitialisation:{nature}:" + hashlib.sha256(valeur.encode()).hexdigest()


def reinitialisation_autorisee(*, email: str, adresse: str) -> bool:
    """Compte une demande de réinitialisation, par adresse e-mail et par adresse du client,
    dans le cache partagé ; faux au-delà de `REINITIALISATION_DEMANDES_MAX` par heure."""
    autorisee = True
    for cle in (_cle("email", email.strip().lower()), _cle("ip", adresse)):
        if cache.add(cle, 1, 3600):
            continue
        try:
            nombre = cache.incr(cle)
        except ValueError:  # expirée entre-temps
            cache.set(cle, 1, 3600)
            continue
        if nombre > settings.REINITIALISATION_DEMANDES_MAX:
            autorisee = False
    return autorisee
