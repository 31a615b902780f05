from django.contrib import admin

from .models import Travail


@admin.register(Travail)
class TravailAdmin(admin.ModelAdmin):
    list_display = ["libelle", "collectivite", "nature", "statut", "tentatives", "cree_le"]
    list_filter = ["nature", "statut"]
    search_fields = ["libelle", "collectivite__nom"]
    exclude = ["contenu", "source"]
    readonly_fields = ["demandeur", "empreinte", "parametres", "message"]

    def has_add_permission(self, request):
        return False
