"""Outillage commun à tous les domaines : ni métier, ni collectivité."""
