from django.urls import path

from . import views

app_name = "referentiel"

urlpatterns = [
    path("", views.ReferentielView.as_view(), name="index"),
    path("axes/<int:numero>/", views.AxeView.as_view(), name="axe"),
    path("pratiques/", views.PratiquesView.as_view(), name="pratiques"),
    path("pratiques/<str:code>/", views.PratiqueView.as_view(), name="pratique"),
]
