"""Modèles : Documents pour les élus."""
