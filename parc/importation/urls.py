from django.urls import path

from . import views

app_name = "import_parc"

urlpatterns = [
    path("", views.DepotView.as_view(), name="depot"),
    path("<int:pk>/", views.ApercuView.as_view(), name="apercu"),
    path("<int:pk>/correspondances/", views.CorrespondancesView.as_view(), name="correspondances"),
    path("<int:pk>/options/", views.OptionsView.as_view(), name="options"),
    path("<int:pk>/confirmer/", views.ConfirmationView.as_view(), name="confirmer"),
    path("<int:pk>/abandonner/", views.AbandonView.as_view(), name="abandonner"),
    path("exemples/<str:nom>", views.ExempleView.as_view(), name="exemple"),
]
