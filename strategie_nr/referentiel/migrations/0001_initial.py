"""Le référentiel devient une application à part : ses modèles passent dans son état sans
toucher la base (les tables existent déjà, créées par `strategie_nr.0001_initial`)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('strategie_nr', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Axe',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('numero', models.PositiveSmallIntegerField(unique=True, verbose_name='numéro')),
                        ('titre', models.CharField(max_length=300, verbose_name='titre')),
                    ],
                    options={
                        'db_table': 'strategie_nr_axe',
                        'verbose_name': 'axe REEN',
                        'verbose_name_plural': 'axes REEN',
                        'ordering': ['numero'],
                    },
                ),
                migrations.CreateModel(
                    name='Dimension',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('numero', models.PositiveSmallIntegerField(unique=True, verbose_name='numéro')),
                        ('titre', models.CharField(max_length=200, verbose_name='titre')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                    ],
                    options={
                        'db_table': 'strategie_nr_dimension',
                        'verbose_name': 'dimension de maturité',
                        'verbose_name_plural': 'dimensions de maturité',
                        'ordering': ['numero'],
                    },
                ),
                migrations.CreateModel(
                    name='Famille',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=5, unique=True, verbose_name='code')),
                        ('titre', models.CharField(max_length=200, verbose_name='titre')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('ordre', models.PositiveSmallIntegerField(default=0, verbose_name='ordre')),
                    ],
                    options={
                        'db_table': 'strategie_nr_famille',
                        'verbose_name': 'famille de bonnes pratiques',
                        'verbose_name_plural': 'familles de bonnes pratiques',
                        'ordering': ['ordre', 'code'],
                    },
                ),
                migrations.CreateModel(
                    name='EtapeAnct',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('numero', models.PositiveSmallIntegerField(unique=True, verbose_name='numéro')),
                        ('titre', models.CharField(max_length=200, verbose_name='titre')),
                        ('duree_min_semaines', models.PositiveSmallIntegerField(verbose_name='durée minimale (semaines)')),
                        ('duree_max_semaines', models.PositiveSmallIntegerField(verbose_name='durée maximale (semaines)')),
                        ('taches', models.JSONField(default=list, verbose_name='tâches et activités')),
                        ('enjeux', models.JSONField(blank=True, default=list, verbose_name='enjeux et facteurs clés de succès')),
                        ('qui_mobiliser', models.TextField(blank=True, verbose_name='qui mobiliser')),
                    ],
                    options={
                        'db_table': 'strategie_nr_etapeanct',
                        'verbose_name': 'étape de la méthode ANCT',
                        'verbose_name_plural': 'étapes de la méthode ANCT',
                        'ordering': ['numero'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('duree_max_semaines__gte', models.F('duree_min_semaines'))), name='etape_durees_ordonnees')],
                    },
                ),
                migrations.CreateModel(
                    name='ActionExemple',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('ordre', models.PositiveSmallIntegerField(verbose_name='ordre')),
                        ('texte', models.TextField(help_text="Les liens s'écrivent [texte](adresse).", verbose_name='texte')),
                        ('sous_elements', models.JSONField(blank=True, default=list, verbose_name='sous-éléments')),
                        ('axe', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='referentiel.axe', verbose_name='axe')),
                    ],
                    options={
                        'db_table': 'strategie_nr_actionexemple',
                        'verbose_name': "exemple d'action",
                        'verbose_name_plural': "exemples d'actions",
                        'ordering': ['axe__numero', 'ordre'],
                        'abstract': False,
                        'default_related_name': 'actions',
                        'constraints': [models.UniqueConstraint(fields=('axe', 'ordre'), name='action_exemple_ordre_unique')],
                    },
                ),
                migrations.CreateModel(
                    name='IndicateurExemple',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('ordre', models.PositiveSmallIntegerField(verbose_name='ordre')),
                        ('texte', models.TextField(help_text="Les liens s'écrivent [texte](adresse).", verbose_name='texte')),
                        ('axe', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='referentiel.axe', verbose_name='axe')),
                    ],
                    options={
                        'db_table': 'strategie_nr_indicateurexemple',
                        'verbose_name': "exemple d'indicateur",
                        'verbose_name_plural': "exemples d'indicateurs",
                        'ordering': ['axe__numero', 'ordre'],
                        'abstract': False,
                        'default_related_name': 'indicateurs',
                        'constraints': [models.UniqueConstraint(fields=('axe', 'ordre'), name='indicateur_exemple_ordre_unique')],
                    },
                ),
                migrations.CreateModel(
                    name='Pratique',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=10, unique=True, verbose_name='code')),
                        ('titre', models.CharField(max_length=300, verbose_name='titre')),
                        ('priorite', models.CharField(choices=[('prioritaire', 'Prioritaire'), ('recommandee', 'Recommandée'), ('aller_plus_loin', 'Aller plus loin')], max_length=20, verbose_name='priorité')),
                        ('difficulte', models.CharField(choices=[('facile', 'Facile'), ('moyenne', 'Moyenne'), ('difficile', 'Difficile')], max_length=20, verbose_name='difficulté')),
                        ('pilotes', models.JSONField(blank=True, default=list, verbose_name='exemples de pilotes')),
                        ('indicateurs', models.JSONField(blank=True, default=list, verbose_name="exemples d'indicateurs")),
                        ('url', models.URLField(blank=True, max_length=500, verbose_name='lien')),
                        ('ordre', models.PositiveSmallIntegerField(default=0, verbose_name='ordre')),
                        ('famille', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pratiques', to='referentiel.famille', verbose_name='famille')),
                    ],
                    options={
                        'db_table': 'strategie_nr_pratique',
                        'verbose_name': 'bonne pratique',
                        'verbose_name_plural': 'bonnes pratiques',
                        'ordering': ['famille__ordre', 'ordre'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('priorite__in', ['prioritaire', 'recommandee', 'aller_plus_loin'])), name='pratique_priorite_connue'), models.CheckConstraint(condition=models.Q(('difficulte__in', ['facile', 'moyenne', 'difficile'])), name='pratique_difficulte_connue')],
                    },
                ),
                migrations.CreateModel(
                    name='Ressource',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('ordre', models.PositiveSmallIntegerField(verbose_name='ordre')),
                        ('texte', models.TextField(help_text="Les liens s'écrivent [texte](adresse).", verbose_name='texte')),
                        ('url', models.URLField(blank=True, max_length=500, verbose_name='lien')),
                        ('axe', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='referentiel.axe', verbose_name='axe')),
                    ],
                    options={
                        'db_table': 'strategie_nr_ressource',
                        'verbose_name': 'outil ou ressource',
                        'verbose_name_plural': 'outils et ressources',
                        'ordering': ['axe__numero', 'ordre'],
                        'abstract': False,
                        'default_related_name': 'ressources',
                        'constraints': [models.UniqueConstraint(fields=('axe', 'ordre'), name='ressource_ordre_unique')],
                    },
                ),
                migrations.CreateModel(
                    name='RetourExperience',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('ordre', models.PositiveSmallIntegerField(verbose_name='ordre')),
                        ('texte', models.TextField(help_text="Les liens s'écrivent [texte](adresse).", verbose_name='texte')),
                        ('axe', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='referentiel.axe', verbose_name='axe')),
                    ],
                    options={
                        'db_table': 'strategie_nr_retourexperience',
                        'verbose_name': "retour d'expérience",
                        'verbose_name_plural': "retours d'expérience",
                        'ordering': ['axe__numero', 'ordre'],
                        'abstract': False,
                        'default_related_name': 'retours_experience',
                        'constraints': [models.UniqueConstraint(fields=('axe', 'ordre'), name='retour_experience_ordre_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
