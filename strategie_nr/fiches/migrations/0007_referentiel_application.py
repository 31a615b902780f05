"""Les clés vers le référentiel visent son application : changement d'état seulement, les
colonnes et les contraintes en base restent."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('fiches', '0006_fusion_import_et_integrite'),
        ('referentiel', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='ficheaction',
                    name='action_exemple',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='referentiel.actionexemple', verbose_name="action d'exemple d'origine"),
                ),
                migrations.AlterField(
                    model_name='ficheaction',
                    name='axe',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='referentiel.axe', verbose_name='axe'),
                ),
                migrations.AlterField(
                    model_name='ficheaction',
                    name='dimension',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='referentiel.dimension', verbose_name='dimension'),
                ),
                migrations.AlterField(
                    model_name='ficheaction',
                    name='pratique',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='referentiel.pratique', verbose_name='levier (pratique du guide)'),
                ),
            ],
            database_operations=[],
        ),
    ]
