from django.urls import path

from . import views

app_name = "diagnostic"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("ouvrir/", views.OuvrirView.as_view(), name="ouvrir"),
    path("campagne/<int:pk>/", views.CampagneView.as_view(), name="campagne"),
    path("campagne/<int:pk>/repondre/", views.QuestionnaireView.as_view(), name="questionnaire"),
    path("campagne/<int:pk>/consolider/", views.ConsolidationView.as_view(), name="consolidation"),
    path("campagne/<int:pk>/clore/", views.CloturerView.as_view(), name="cloturer"),
    path("campagne/<int:pk>/rouvrir/", views.RouvrirView.as_view(), name="rouvrir"),
    path("campagne/<int:pk>/export.xlsx", views.ExportView.as_view(), name="export"),
]
