from django.contrib import admin

from .models import EntreeHistorique


@admin.register(EntreeHistorique)
class EntreeHistoriqueAdmin(admin.ModelAdmin):
    list_display = ["le", "collectivite", "auteur_nom", "action", "objet_type", "objet_libelle"]
    list_filter = ["action", "objet_type"]
    search_fields = ["objet_libelle", "auteur_nom", "resume"]
    list_select_related = ["collectivite"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
