from django.urls import path

from . import views

app_name = "collectivites"

urlpatterns = [
    path("profil/", views.ProfilView.as_view(), name="profil"),
    path("collectivite/", views.CollectiviteView.as_view(), name="profil_collectivite"),
    path("collectivite/services/", views.ServicesView.as_view(), name="services"),
    path(
        "collectivite/services/<int:pk>/retirer/",
        views.ServiceSupprimerView.as_view(),
        name="service_supprimer",
    ),
    path("collectivite/changer/", views.ChoisirCollectiviteView.as_view(), name="changer"),
    path("membres/", views.MembresView.as_view(), name="membres"),
    path("membres/<int:pk>/role/", views.MembreRoleView.as_view(), name="membre_role"),
    path("membres/<int:pk>/fonction/", views.MembreFonctionView.as_view(), name="membre_fonction"),
    path("membres/<int:pk>/activite/", views.MembreActiviteView.as_view(), name="membre_activite"),
    path(
        "membres/<int:pk>/debloquer/", views.MembreDebloquerView.as_view(), name="membre_debloquer"
    ),
    path(
        "membres/invitations/<int:pk>/annuler/",
        views.InvitationAnnulerView.as_view(),
        name="invitation_annuler",
    ),
    path(
        "membres/invitations/<int:pk>/renvoyer/",
        views.InvitationRenvoyerView.as_view(),
        name="invitation_renvoyer",
    ),
]
