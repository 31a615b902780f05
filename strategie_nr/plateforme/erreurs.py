"""Pages d'erreur en français, sans requête à la base (elles doivent toujours s'afficher)."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def requete_invalide(request, exception=None):
    return render(request, "400.html", status=400)


def interdit(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


def introuvable(request, exception=None):
    return render(request, "404.html", status=404)


def erreur_serveur(request):
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_refuse(request, reason=""):
    """Formulaire refusé par la protection CSRF (page restée ouverte trop longtemps, cookies
    bloqués…) : en français, avec quoi faire."""
    return render(request, "403_csrf.html", status=403)
