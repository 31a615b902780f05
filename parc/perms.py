"""Agents et référents tiennent l'inventaire ; les élus le lisent."""

from collectivites.perms import peut_contribuer, peut_lire

peut_voir_parc = peut_lire
peut_modifier_parc = peut_contribuer
