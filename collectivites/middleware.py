from .selectors import adhesions_actives

CLE_SESSION = "collectivite_courante"


class CollectiviteCouranteMiddleware:
    """Résout une fois par requête la collectivité courante et le rôle de l'utilisateur.

    `request.adhesions` : les adhésions actives (une requête SQL) ;
    `request.membre` : l'adhésion à la collectivité courante (ou None) ;
    `request.collectivite` : la collectivité courante (ou None).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.adhesions = []
        request.membre = None
        request.collectivite = None
        if request.user.is_authenticated:
            request.adhesions = adhesions_actives(request.user)
            choisie = request.session.get(CLE_SESSION)
            membre = next((m for m in request.adhesions if m.collectivite_id == choisie), None)
            if membre is None and request.adhesions:
                membre = request.adhesions[0]
            if membre is not None:
                request.membre = membre
                request.collectivite = membre.collectivite
        return self.get_response(request)
