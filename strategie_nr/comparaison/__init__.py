"""Comparaison anonyme entre les collectivités participantes de l'instance."""
