from django.urls import path

from . import views

app_name = "donnees"

urlpatterns = [
    path("collectivite/publication/", views.PublicationView.as_view(), name="publication"),
    path("donnees/<str:code>/", views.PageView.as_view(), name="page"),
    path("donnees/<str:code>/strategie.pdf", views.StrategieView.as_view(), name="strategie"),
    path(
        "donnees/<str:code>/declaration-agec-<int:annee>.csv",
        views.DeclarationAgecView.as_view(),
        name="declaration_agec",
    ),
    path(
        "api/v1/collectivites/<str:code>/indicateurs.json",
        views.IndicateursView.as_view(format="json"),
        name="indicateurs_json",
    ),
    path(
        "api/v1/collectivites/<str:code>/indicateurs.csv",
        views.IndicateursView.as_view(format="csv"),
        name="indicateurs_csv",
    ),
    path(
        "api/v1/schema/indicateurs.json",
        views.SchemaView.as_view(),
        name="schema_indicateurs",
    ),
    path(
        "api/v1/schema/indicateurs-csv.json",
        views.SchemaView.as_view(
            fichier="indicateurs-v1.tableschema.json", type_contenu="application/json"
        ),
        name="schema_indicateurs_csv",
    ),
]
