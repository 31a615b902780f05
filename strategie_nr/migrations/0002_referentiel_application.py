"""Les modèles du référentiel quittent l'état de `strategie_nr` (ils vivent dans l'application
`referentiel`) ; aucune table n'est supprimée."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('referentiel', '0001_initial'),
        ('programme', '0002_referentiel_application'),
        ('indicateurs', '0003_referentiel_application'),
        ('fiches', '0007_referentiel_application'),
        ('diagnostic', '0003_referentiel_application'),
        ('strategie_nr', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='actionexemple',
                    name='axe',
                ),
                migrations.RemoveField(
                    model_name='retourexperience',
                    name='axe',
                ),
                migrations.RemoveField(
                    model_name='ressource',
                    name='axe',
                ),
                migrations.RemoveField(
                    model_name='indicateurexemple',
                    name='axe',
                ),
                migrations.DeleteModel(
                    name='Dimension',
                ),
                migrations.DeleteModel(
                    name='EtapeAnct',
                ),
                migrations.RemoveField(
                    model_name='pratique',
                    name='famille',
                ),
                migrations.DeleteModel(
                    name='ActionExemple',
                ),
                migrations.DeleteModel(
                    name='RetourExperience',
                ),
                migrations.DeleteModel(
                    name='Ressource',
                ),
                migrations.DeleteModel(
                    name='Axe',
                ),
                migrations.DeleteModel(
                    name='IndicateurExemple',
                ),
                migrations.DeleteModel(
                    name='Famille',
                ),
                migrations.DeleteModel(
                    name='Pratique',
                ),
            ],
            database_operations=[],
        ),
    ]
