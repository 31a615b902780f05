"""Balayage des URL publiques des données ouvertes, sur la démo : la commune publie (200 pour
un anonyme), l'EPCI ne publie rien (404), un code inconnu non plus (404)."""

from django.test import Client
from django.urls import reverse

from strategie_nr.tests.test_balayage_isolation import PARAMETRES, PUBLIQUES, motifs_nommes

from .balayage import PUBLIQUES as PUBLIQUES_DONNEES


def test_chaque_url_publique_des_donnees_repond_selon_la_publication(donnees):
    assert PUBLIQUES_DONNEES <= PUBLIQUES
    anonyme = Client()
    echecs = []
    for nom, _motif in motifs_nommes():
        if not nom.startswith("donnees:") or nom not in PUBLIQUES:
            continue
        kwargs = PARAMETRES[nom](donnees) if nom in PARAMETRES else {}
        reponse = anonyme.get(reverse(nom, kwargs=kwargs))
        if reponse.status_code != 200:
            echecs.append(f"commune {nom} → {reponse.status_code}")
        if "code" not in kwargs:
            continue
        for code in (donnees.epci.code_officiel, "00000"):
            reponse = anonyme.get(reverse(nom, kwargs={**kwargs, "code": code}))
            if reponse.status_code != 404:
                echecs.append(f"{code} {nom} → {reponse.status_code}")
    assert not echecs, "\n".join(echecs)
