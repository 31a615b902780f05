from django.urls import path

from . import views

app_name = "pieces"

urlpatterns = [
    path("programme/ajouter/", views.AjouterProgrammeView.as_view(), name="ajouter_programme"),
    path("version/<int:pk>/ajouter/", views.AjouterVersionView.as_view(), name="ajouter_version"),
    path("fiche/<int:pk>/ajouter/", views.AjouterFicheView.as_view(), name="ajouter_fiche"),
    path("<uuid:pk>/", views.TelechargerView.as_view(), name="telecharger"),
    path("<uuid:pk>/supprimer/", views.SupprimerView.as_view(), name="supprimer"),
]
