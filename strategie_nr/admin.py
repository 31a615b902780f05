from django.contrib import admin

from .referentiel import admin as referentiel_admin  # noqa: F401

admin.site.site_header = "Administration — Stratégie numérique responsable"
admin.site.site_title = "Stratégie NR"
admin.site.index_title = "Référentiel et collectivités"
