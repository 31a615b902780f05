from django.conf import settings
from django.core.exceptions import BadRequest

NUL = "\x00"


class ParametresHostilesMiddleware:
    """Refuse (400, page en français) une requête dont le chemin ou un paramètre contient un
    caractère nul : aucune donnée n'en contient, et PostgreSQL refuserait de le chercher."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Les formulaires en plusieurs parties (dépôts de fichiers) ne sont pas lus ici : leurs
        # vues choisissent comment recevoir le fichier (taille limitée pendant la réception).
        formulaires = [request.GET]
        if request.content_type == "application/x-www-form-urlencoded":
            formulaires.append(request.POST)
        if NUL in request.path or any(
            NUL in cle or any(NUL in valeur for valeur in valeurs)
            for donnees in formulaires
            for cle, valeurs in donnees.lists()
        ):
            raise BadRequest("Caractère nul dans l'adresse ou le formulaire.")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Ajoute l'en-tête Content-Security-Policy : aucune ressource hors de l'application."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
