"""Pièces justificatives du programme de travail, des versions de la feuille de route et des
fiches actions (délibération, comptes rendus de COPIL, preuves, factures)."""
