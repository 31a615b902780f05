from django.contrib import admin

from .models import TypeEquipement


@admin.register(TypeEquipement)
class TypeEquipementAdmin(admin.ModelAdmin):
    list_display = ["libelle", "code", "duree_vie_defaut_annees", "ordre"]
    search_fields = ["libelle", "code"]
