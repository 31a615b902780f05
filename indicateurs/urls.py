from django.urls import path

from . import views

app_name = "indicateurs"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("suivre/", views.SuivreView.as_view(), name="suivre"),
    path("creer/", views.DefinitionCreerView.as_view(), name="creer"),
    path("<int:pk>/", views.SuiviView.as_view(), name="suivi"),
    path("<int:pk>/modifier/", views.SuiviModifierView.as_view(), name="modifier"),
    path("<int:pk>/cibles/", views.CiblesView.as_view(), name="cibles"),
    path("<int:pk>/valeur/", views.ValeurView.as_view(), name="valeur"),
    path("<int:pk>/figer/", views.FigerView.as_view(), name="figer"),
    path("objectifs/nouveau/", views.ObjectifView.as_view(), name="objectif_creer"),
    path("objectifs/<int:pk>/", views.ObjectifView.as_view(), name="objectif_modifier"),
    path(
        "objectifs/<int:pk>/supprimer/",
        views.ObjectifSupprimerView.as_view(),
        name="objectif_supprimer",
    ),
    path("export.<str:format>", views.ExportView.as_view(), name="export"),
]
