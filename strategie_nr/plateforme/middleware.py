from django.conf import settings
from django.core.exceptions import BadRequest

NUL = "\x00"


class ParametresHostilesMiddleware:
    """Refuse (400, page en français) une requête dont le chemin, un paramètre ou un champ de
    formulaire contient un caractère nul : aucune donnée n'en contient, et PostgreSQL
    refuserait de le chercher."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path or _contient_nul(request.GET):
            raise BadRequest("Caractère nul dans l'adresse.")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Une vue exemptée du contrôle CSRF lit elle-même son corps (dépôt de fichier à taille
        # limitée pendant la réception) : le lire ici la priverait de ce choix.
        if (
            request.method == "POST"
            and not getattr(view_func, "csrf_exempt", False)
            and _contient_nul(request.POST)
        ):
            raise BadRequest("Caractère nul dans le formulaire.")
        return None


def _contient_nul(donnees) -> bool:
    return any(
        NUL in cle or any(NUL in valeur for valeur in valeurs) for cle, valeurs in donnees.lists()
    )


class ContentSecurityPolicyMiddleware:
    """Ajoute l'en-tête Content-Security-Policy : aucune ressource hors de l'application."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
