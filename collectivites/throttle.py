"""Limitation des tentatives de connexion, dans le cache partagé (CACHE_URL)."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _cles(email: str, ip: str) -> list[str]:
    cles = []
    for valeur in (f"email:{(email or '').strip().lower()}", f"ip:{ip or ''}"):
        cles.append("connexion:" + hashlib.sha256(valeur.encode()).hexdigest())
    return cles


def connexion_bloquee(*, email: str, ip: str) -> bool:
    valeurs = cache.get_many(_cles(email, ip))
    return any(n >= settings.CONNEXION_TENTATIVES_MAX for n in valeurs.values())


def connexion_echec_enregistrer(*, email: str, ip: str) -> None:
    for cle in _cles(email, ip):
        if cache.add(cle, 1, settings.CONNEXION_BLOCAGE_SECONDES):
            continue
        try:
            cache.incr(cle)
        except ValueError:
            cache.set(cle, 1, settings.CONNEXION_BLOCAGE_SECONDES)


def connexion_reussie(*, email: str, ip: str) -> None:
    cache.delete(_cles(email, ip)[0])
