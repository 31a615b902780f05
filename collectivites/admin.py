from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Collectivite, Invitation, Membre, Utilisateur


@admin.register(Utilisateur)
class UtilisateurAdmin(UserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name"]}),
        ("Droits", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


class MembreInline(admin.TabularInline):
    model = Membre
    extra = 0
    autocomplete_fields = ["utilisateur"]


@admin.register(Collectivite)
class CollectiviteAdmin(admin.ModelAdmin):
    list_display = ["nom", "nature", "code_officiel", "population", "nombre_agents"]
    list_filter = ["nature"]
    search_fields = ["nom", "code_officiel"]
    inlines = [MembreInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "collectivite", "role", "cree_le", "expire_le", "acceptee_le"]
    list_filter = ["role"]
    search_fields = ["email", "collectivite__nom"]
    readonly_fields = ["jeton_empreinte"]
