from django.contrib import admin

from .models import Evenement, FicheAction, VersionFeuilleDeRoute


@admin.register(VersionFeuilleDeRoute)
class VersionFeuilleDeRouteAdmin(admin.ModelAdmin):
    list_display = ["feuille_de_route", "numero", "statut", "validee_le", "date_copil"]
    list_filter = ["statut"]
    # Le cycle de vie passe par les services (instantané, courriels) : lecture seule ici.
    readonly_fields = [f.name for f in VersionFeuilleDeRoute._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FicheAction)
class FicheActionAdmin(admin.ModelAdmin):
    list_display = ["titre", "version", "axe", "priorite", "statut"]
    list_filter = ["statut", "axe"]
    search_fields = ["titre"]
    readonly_fields = ["version", "lignee", "revision"]
    raw_id_fields = ["responsable", "contributeurs"]


@admin.register(Evenement)
class EvenementAdmin(admin.ModelAdmin):
    list_display = ["le", "collectivite", "type", "version", "auteur"]
    list_filter = ["type"]
