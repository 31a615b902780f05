from django.contrib import admin

from .models import PieceJustificative


@admin.register(PieceJustificative)
class PieceJustificativeAdmin(admin.ModelAdmin):
    """En lecture : une pièce s'ajoute et se supprime dans l'application, avec ses règles."""

    list_display = ["nom_fichier", "collectivite", "rattachement", "nature", "ajoute_le"]
    list_filter = ["rattachement", "nature"]
    search_fields = ["nom_fichier", "collectivite__nom"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
