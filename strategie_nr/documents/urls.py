from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.DocumentsView.as_view(), name="index"),
    path("strategie.pdf", views.StrategieCouranteView.as_view(), name="strategie"),
    path(
        "strategie.docx",
        views.StrategieCouranteView.as_view(format_=views.WORD),
        name="strategie_word",
    ),
    path("strategie/<int:pk>.pdf", views.StrategieVersionView.as_view(), name="version"),
    path(
        "strategie/<int:pk>.docx",
        views.StrategieVersionView.as_view(format_=views.WORD),
        name="version_word",
    ),
    path("fiche/<int:pk>.pdf", views.FicheView.as_view(), name="fiche"),
    path("bilan/<int:annee>.pdf", views.BilanView.as_view(), name="bilan"),
    path("bilan/<int:annee>.docx", views.BilanView.as_view(format_=views.WORD), name="bilan_word"),
]
