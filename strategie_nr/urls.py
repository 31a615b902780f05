from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from collectivites import views as collectivites_views

from . import views

urlpatterns = [
    path("", views.TableauDeBordView.as_view(), name="tableau_de_bord"),
    path("connexion/", collectivites_views.ConnexionView.as_view(), name="connexion"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="deconnexion"),
    path(
        "mot-de-passe/oublie/",
        collectivites_views.ReinitialisationView.as_view(),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/termine/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "mot-de-passe/changer/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "mot-de-passe/changer/termine/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "invitation/<str:jeton>/",
        collectivites_views.AccepterInvitationView.as_view(),
        name="invitation_accepter",
    ),
    path("", include("collectivites.urls")),
    path("referentiel/", include("strategie_nr.referentiel.urls")),
    path("parc/import/", include("parc.importation.urls")),
    path("parc/", include("parc.urls")),
    path("diagnostic/", include("strategie_nr.diagnostic.urls")),
    path("indicateurs/", include("indicateurs.urls")),
    path("programme/", include("strategie_nr.programme.urls")),
    path("feuille-de-route/", include("strategie_nr.fiches.urls")),
    path("documents/", include("strategie_nr.documents.urls")),
    path("travaux/", include("strategie_nr.travaux.urls")),
    path("", include("strategie_nr.donnees.urls")),
    path("pieces/", include("strategie_nr.pieces.urls")),
    path("comparaison/", include("strategie_nr.comparaison.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "strategie_nr.plateforme.erreurs.requete_invalide"
handler403 = "strategie_nr.plateforme.erreurs.interdit"
handler404 = "strategie_nr.plateforme.erreurs.introuvable"
handler500 = "strategie_nr.plateforme.erreurs.erreur_serveur"
