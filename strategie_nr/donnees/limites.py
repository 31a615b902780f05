"""Limite des demandes aux pages et à l'API publiques, par adresse du client.

L'adresse est celle que retient la protection de la connexion (`collectivites.securite`) :
`REMOTE_ADDR`, ou, derrière `PROXIES_DE_CONFIANCE` proxys, celle que le plus éloigné d'entre eux
a vue. Les demandes se comptent par minute civile dans le cache partagé (tous les processus
voient le même compte avec un cache commun, Redis ou base) ; au-delà de
`DONNEES_DEMANDES_PAR_MINUTE`, la réponse est 429 avec `Retry-After` : les secondes jusqu'à la
minute suivante.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render

from collectivites.securite import adresse_client

MESSAGE = "Trop de demandes depuis votre adresse : réessayez dans {secondes} secondes."


def attente(request) -> int | None:
    """Compte cette demande ; None si elle passe, sinon les secondes à attendre."""
    maximum = settings.DONNEES_DEMANDES_PAR_MINUTE
    if maximum <= 0:
        return None
    maintenant = time.time()
    minute = int(maintenant // 60)
    adresse = hashlib.sha256(adresse_client(request).encode()).hexdigest()
    cle = f"donnees:demandes:{adresse}:{minute}"
    if cache.add(cle, 1, 120):
        nombre = 1
    else:
        try:
            nombre = cache.incr(cle)
        except ValueError:  # expirée entre-temps
            cache.set(cle, 1, 120)
            nombre = 1
    if nombre <= maximum:
        return None
    return max(1, math.ceil((minute + 1) * 60 - maintenant))


def trop_de_demandes(request, secondes: int, *, json: bool = False):
    """La réponse 429, en français : JSON pour l'API JSON, une page sinon."""
    message = MESSAGE.format(secondes=secondes)
    if json:
        reponse = JsonResponse({"erreur": message}, status=429)
    else:
        reponse = render(
            request, "donnees/trop_de_demandes.html", {"secondes": secondes}, status=429
        )
    reponse["Retry-After"] = str(secondes)
    return reponse
