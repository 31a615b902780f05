"""Les clés vers le référentiel visent son application : changement d'état seulement, les
colonnes et les contraintes en base restent."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('diagnostic', '0002_historique_des_campagnes'),
        ('referentiel', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='question',
                    name='dimension',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='questions', to='referentiel.dimension', verbose_name='dimension'),
                ),
                migrations.AlterField(
                    model_name='question',
                    name='pratiques',
                    field=models.ManyToManyField(blank=True, related_name='questions_diagnostic', to='referentiel.pratique', verbose_name='pratiques'),
                ),
            ],
            database_operations=[],
        ),
    ]
