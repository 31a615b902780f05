def collectivite_courante(request):
    return {
        "collectivite": getattr(request, "collectivite", None),
        "membre": getattr(request, "membre", None),
        "adhesions": getattr(request, "adhesions", []),
    }
