from django.contrib import admin

from .models import (
    ActionExemple,
    Axe,
    Dimension,
    EtapeAnct,
    Famille,
    IndicateurExemple,
    Pratique,
    Ressource,
    RetourExperience,
)


class ActionInline(admin.StackedInline):
    model = ActionExemple
    extra = 0


class IndicateurInline(admin.TabularInline):
    model = IndicateurExemple
    extra = 0


class RessourceInline(admin.TabularInline):
    model = Ressource
    extra = 0


class RetourInline(admin.StackedInline):
    model = RetourExperience
    extra = 0


@admin.register(Axe)
class AxeAdmin(admin.ModelAdmin):
    list_display = ["numero", "titre"]
    inlines = [ActionInline, IndicateurInline, RessourceInline, RetourInline]


@admin.register(Famille)
class FamilleAdmin(admin.ModelAdmin):
    list_display = ["code", "titre", "ordre"]


@admin.register(Pratique)
class PratiqueAdmin(admin.ModelAdmin):
    list_display = ["code", "titre", "famille", "priorite", "difficulte"]
    list_filter = ["famille", "priorite", "difficulte"]
    search_fields = ["code", "titre"]


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["numero", "titre"]


@admin.register(EtapeAnct)
class EtapeAnctAdmin(admin.ModelAdmin):
    list_display = ["numero", "titre", "duree_min_semaines", "duree_max_semaines"]
