from django.contrib import admin

from .models import Campagne, Question


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "intitule", "dimension"]
    list_filter = ["dimension"]
    search_fields = ["intitule"]
    filter_horizontal = ["pratiques"]
    ordering = ["dimension__numero", "ordre"]


@admin.register(Campagne)
class CampagneAdmin(admin.ModelAdmin):
    list_display = ["titre", "collectivite", "date", "cloturee_le"]
    list_filter = ["collectivite"]
