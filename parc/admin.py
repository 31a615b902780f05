from django.contrib import admin

from .models import Equipement, FacteurEmpreinte, SynonymeTypeEquipement, TypeEquipement


@admin.register(TypeEquipement)
class TypeEquipementAdmin(admin.ModelAdmin):
    list_display = ["libelle", "code", "duree_vie_defaut_annees", "poids_defaut_kg", "ordre"]
    search_fields = ["libelle", "code"]


@admin.register(SynonymeTypeEquipement)
class SynonymeTypeEquipementAdmin(admin.ModelAdmin):
    """Les noms que les inventaires donnent aux types ; l'import les reconnaît sans demander."""

    list_display = ["texte", "type", "cle"]
    list_filter = ["type"]
    search_fields = ["texte", "cle"]


@admin.register(FacteurEmpreinte)
class FacteurEmpreinteAdmin(admin.ModelAdmin):
    """On ajoute une nouvelle version plutôt que de modifier l'ancienne : la plus récente sert."""

    list_display = [
        "type",
        "version",
        "fabrication_kgco2e",
        "usage_kgco2e_an",
        "duree_vie_annees",
        "cree_le",
    ]
    list_filter = ["version", "type"]


@admin.register(Equipement)
class EquipementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "collectivite", "type", "statut", "annee_acquisition"]
    list_filter = ["collectivite", "type", "statut"]
    search_fields = ["nom", "numero_serie", "numero_inventaire", "marque", "modele"]
    raw_id_fields = ["collectivite"]
