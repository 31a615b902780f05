"""Modèles : Fiches actions et feuille de route."""
