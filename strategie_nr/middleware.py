from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Ajoute l'en-tête Content-Security-Policy : aucune ressource hors de l'application."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
