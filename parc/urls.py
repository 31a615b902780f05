from django.urls import path

from . import views

app_name = "parc"

urlpatterns = [
    path("", views.ListeView.as_view(), name="index"),
    path("tableau-de-bord/", views.TableauDeBordView.as_view(), name="tableau_de_bord"),
    path("nouveau/", views.CreerView.as_view(), name="creer"),
    path("historique/", views.HistoriqueView.as_view(), name="historique"),
    path("export.<str:format>", views.ExportView.as_view(), name="export"),
    path("declaration-agec.csv", views.DeclarationAgecView.as_view(), name="declaration_agec"),
    path("<int:pk>/", views.EquipementView.as_view(), name="equipement"),
    path("<int:pk>/modifier/", views.ModifierView.as_view(), name="modifier"),
    path("<int:pk>/reformer/", views.ReformerView.as_view(), name="reformer"),
]
