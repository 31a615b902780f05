"""Qui peut faire quoi dans le diagnostic."""

from collectivites.perms import peut_contribuer, peut_lire, peut_valider_feuille_de_route

peut_voir_resultats = peut_lire  # élus compris
peut_repondre = peut_contribuer  # agents et référents ; les élus ne répondent pas
peut_piloter = peut_valider_feuille_de_route  # ouvrir, clore, consolider : le référent
