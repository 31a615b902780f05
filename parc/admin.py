from django.contrib import admin

from .models import (
    CategorieAgec,
    Equipement,
    FacteurEmpreinte,
    ObjectifAgec,
    ObjectifReen,
    SynonymeTypeEquipement,
    TypeEquipement,
    ValeurDon,
)


@admin.register(TypeEquipement)
class TypeEquipementAdmin(admin.ModelAdmin):
    list_display = [
        "libelle",
        "code",
        "duree_vie_defaut_annees",
        "poids_defaut_kg",
        "categorie_agec",
        "perimetre_reen",
        "ordre",
    ]
    list_filter = ["categorie_agec", "perimetre_reen"]
    search_fields = ["libelle", "code"]


@admin.register(SynonymeTypeEquipement)
class SynonymeTypeEquipementAdmin(admin.ModelAdmin):
    """Les noms que les inventaires donnent aux types ; l'import les reconnaît sans demander."""

    list_display = ["texte", "type", "cle"]
    list_filter = ["type"]
    search_fields = ["texte", "cle"]


class ObjectifAgecInline(admin.TabularInline):
    model = ObjectifAgec
    extra = 0


@admin.register(CategorieAgec)
class CategorieAgecAdmin(admin.ModelAdmin):
    """Catégories du décret n° 2024-134 ; leurs proportions minimales par année en dessous."""

    list_display = ["libelle", "code", "ordre"]
    inlines = [ObjectifAgecInline]


@admin.register(ObjectifAgec)
class ObjectifAgecAdmin(admin.ModelAdmin):
    list_display = ["categorie", "annee", "part_reemploi", "part_recyclee", "a_confirmer", "texte"]
    list_filter = ["categorie", "a_confirmer"]


@admin.register(ObjectifReen)
class ObjectifReenAdmin(admin.ModelAdmin):
    list_display = ["annee", "taux", "a_confirmer", "texte"]


@admin.register(ValeurDon)
class ValeurDonAdmin(admin.ModelAdmin):
    """Grille de l'arrêté du 29 février 2024 : valeur d'un don reçu, par type d'équipement."""

    list_display = ["type", "poste", "valeur_ht", "a_confirmer", "texte"]
    list_filter = ["a_confirmer"]


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
