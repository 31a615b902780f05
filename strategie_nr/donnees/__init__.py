"""Données ouvertes : ce que le référent choisit de publier, une page publique par collectivité
et une API en lecture seule, versionnée (`/api/v1/`), sous Licence Ouverte 2.0."""
