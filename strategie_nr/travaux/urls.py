from django.urls import path

from . import views

app_name = "travaux"

urlpatterns = [
    path("<uuid:pk>/", views.SuiviView.as_view(), name="suivi"),
    path("<uuid:pk>/fichier", views.FichierView.as_view(), name="fichier"),
]
