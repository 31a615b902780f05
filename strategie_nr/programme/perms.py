"""Droits du programme de travail : agents et référents modifient, les élus lisent."""

from collectivites.perms import peut_contribuer

peut_modifier_programme = peut_contribuer
