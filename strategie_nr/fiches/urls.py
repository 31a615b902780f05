from django.urls import path

from . import views

app_name = "fiches"

urlpatterns = [
    path("", views.FeuilleDeRouteView.as_view(), name="index"),
    path("version/<int:pk>/", views.VersionView.as_view(), name="version"),
    path("version/<int:pk>/soumettre/", views.SoumettreView.as_view(), name="soumettre"),
    path("version/<int:pk>/decision/", views.DecisionView.as_view(), name="decision"),
    path("nouvelle-version/", views.NouvelleVersionView.as_view(), name="nouvelle_version"),
    path("comparer/", views.ComparerView.as_view(), name="comparer"),
    path("historique/", views.HistoriqueView.as_view(), name="historique"),
    path("fiche/nouvelle/", views.FicheCreerView.as_view(), name="creer"),
    path("fiche/<int:pk>/", views.FicheView.as_view(), name="fiche"),
    path("fiche/<int:pk>/modifier/", views.FicheModifierView.as_view(), name="modifier"),
    path("fiche/<int:pk>/retirer/", views.FicheSupprimerView.as_view(), name="supprimer"),
    path("fiche/<int:pk>/commenter/", views.CommenterView.as_view(), name="commenter"),
]

# Import d'un plan d'action existant et export XLSX.
from . import views_importation  # noqa: E402

urlpatterns += [
    path("importer/", views_importation.ImporterView.as_view(), name="importer"),
    path("importer/apercu/", views_importation.ApercuImportView.as_view(), name="import_apercu"),
    path("importer/annuler/", views_importation.AnnulerImportView.as_view(), name="import_annuler"),
    path("exporter/", views_importation.ExporterView.as_view(), name="exporter"),
]
