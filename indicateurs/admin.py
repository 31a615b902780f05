from django.contrib import admin

from .models import DefinitionIndicateur, IndicateurSuivi, Objectif


@admin.register(DefinitionIndicateur)
class DefinitionIndicateurAdmin(admin.ModelAdmin):
    list_display = ["libelle", "axe", "unite", "sens", "mode", "collectivite"]
    list_filter = ["axe", "unite", "mode"]
    search_fields = ["libelle", "cle"]


@admin.register(IndicateurSuivi)
class IndicateurSuiviAdmin(admin.ModelAdmin):
    list_display = ["definition", "collectivite", "responsable"]
    list_filter = ["collectivite"]


@admin.register(Objectif)
class ObjectifAdmin(admin.ModelAdmin):
    list_display = ["enonce", "collectivite", "axe", "annee_cible"]
    list_filter = ["collectivite", "axe"]
