from django.contrib import admin

admin.site.site_header = "Administration — Stratégie numérique responsable"
admin.site.site_title = "Stratégie NR"
admin.site.index_title = "Référentiel et collectivités"
