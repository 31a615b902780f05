from django.urls import path

from . import views

app_name = "comparaison"

urlpatterns = [
    path("", views.ComparaisonView.as_view(), name="index"),
    path("participation/", views.ParticipationView.as_view(), name="participation"),
]
