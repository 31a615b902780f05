from django.contrib import admin

from .models import Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["collectivite", "indicateurs", "strategie", "declaration_agec", "modifiee_le"]
    list_select_related = ["collectivite"]

    # Les choix se changent par la page « Publication des données » (service et historique).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
