"""Les clés vers le référentiel visent son application : changement d'état seulement, les
colonnes et les contraintes en base restent."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicateurs', '0002_precision_des_ratios_par_agent'),
        ('referentiel', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='definitionindicateur',
                    name='axe',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='referentiel.axe', verbose_name='axe REEN'),
                ),
                migrations.AlterField(
                    model_name='objectif',
                    name='axe',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='referentiel.axe', verbose_name='axe REEN'),
                ),
            ],
            database_operations=[],
        ),
    ]
