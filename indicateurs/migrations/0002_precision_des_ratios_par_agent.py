"""Décimales des indicateurs calculés déjà chargés : deux pour les ratios par agent (« 0,88 »
et non « 1 »), une pour le poids des DEEE ; les nouveaux chargements les reçoivent du registre."""

from django.db import migrations

PRECISIONS = {
    "parc.poids_deee": 1,
    "parc.poids_deee_par_agent": 2,
    "parc.equipements_par_agent": 2,
    "parc.impression_par_agent": 2,
}


def realigner(apps, schema_editor):
    DefinitionIndicateur = apps.get_model("indicateurs", "DefinitionIndicateur")
    for cle, precision in PRECISIONS.items():
        DefinitionIndicateur.objects.filter(cle=cle, collectivite=None).update(precision=precision)


class Migration(migrations.Migration):
    dependencies = [("indicateurs", "0001_initial")]

    operations = [migrations.RunPython(realigner, migrations.RunPython.noop)]
