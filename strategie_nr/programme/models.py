"""Modèles : Programme de travail."""
