from django.contrib import admin

from .models import CorrespondanceImport, ImportEnAttente


@admin.register(CorrespondanceImport)
class CorrespondanceImportAdmin(admin.ModelAdmin):
    list_display = ["collectivite", "champ", "texte", "valeur", "modifie_le"]
    list_filter = ["champ"]
    search_fields = ["texte", "collectivite__nom"]


@admin.register(ImportEnAttente)
class ImportEnAttenteAdmin(admin.ModelAdmin):
    list_display = ["nom_fichier", "collectivite", "auteur", "taille", "cree_le", "expire_le"]
    exclude = ["contenu"]
    readonly_fields = ["collectivite", "auteur", "nom_fichier", "taille", "empreinte", "cree_le"]
