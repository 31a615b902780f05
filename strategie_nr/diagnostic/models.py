"""Modèles : Diagnostic de maturité."""
