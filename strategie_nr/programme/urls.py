from django.urls import path

from . import views

app_name = "programme"

urlpatterns = [
    path("", views.ProgrammeView.as_view(), name="index"),
    path("historique/", views.HistoriqueView.as_view(), name="historique"),
    path("parties-prenantes/", views.PartiesPrenantesView.as_view(), name="parties_prenantes"),
    path(
        "parties-prenantes/ajouter/",
        views.PartiePrenanteEditionView.as_view(),
        name="partie_prenante_creer",
    ),
    path(
        "parties-prenantes/<int:pk>/",
        views.PartiePrenanteEditionView.as_view(),
        name="partie_prenante_modifier",
    ),
    path(
        "parties-prenantes/<int:pk>/supprimer/",
        views.PartiePrenanteSuppressionView.as_view(),
        name="partie_prenante_supprimer",
    ),
    path("bilan/", views.BilanView.as_view(), name="bilan"),
    path("bilan/modifier/", views.BilanModifierView.as_view(), name="bilan_modifier"),
    path("actions-engagees/", views.ActionsEngageesView.as_view(), name="actions"),
    path(
        "actions-engagees/ajouter/", views.ActionEngageeEditionView.as_view(), name="action_creer"
    ),
    path(
        "actions-engagees/<int:pk>/",
        views.ActionEngageeEditionView.as_view(),
        name="action_modifier",
    ),
    path(
        "actions-engagees/<int:pk>/supprimer/",
        views.ActionEngageeSuppressionView.as_view(),
        name="action_supprimer",
    ),
]
