from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.DocumentsView.as_view(), name="index"),
    path("strategie.pdf", views.StrategieCouranteView.as_view(), name="strategie"),
    path("strategie/<int:pk>.pdf", views.StrategieVersionView.as_view(), name="version"),
    path("fiche/<int:pk>.pdf", views.FicheView.as_view(), name="fiche"),
    path("bilan/<int:annee>.pdf", views.BilanView.as_view(), name="bilan"),
]
