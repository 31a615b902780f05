"""Modèles : import du parc (fichiers en attente de confirmation, correspondances)."""
