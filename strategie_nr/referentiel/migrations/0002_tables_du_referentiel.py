"""Les tables du référentiel prennent le nom de leur application (`referentiel_axe`…), données
comprises ; les types de contenu suivent, avec les permissions et le journal de l'admin."""

from django.db import migrations

MODELES = [
    "actionexemple",
    "axe",
    "dimension",
    "etapeanct",
    "famille",
    "indicateurexemple",
    "pratique",
    "ressource",
    "retourexperience",
]


def types_de_contenu_deplacer(apps, schema_editor, depuis="strategie_nr", vers="referentiel"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    base = schema_editor.connection.alias
    for modele in MODELES:
        if not ContentType.objects.using(base).filter(app_label=vers, model=modele).exists():
            ContentType.objects.using(base).filter(app_label=depuis, model=modele).update(
                app_label=vers
            )


def types_de_contenu_rendre(apps, schema_editor):
    types_de_contenu_deplacer(apps, schema_editor, depuis="referentiel", vers="strategie_nr")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("referentiel", "0001_initial"),
        ("strategie_nr", "0002_referentiel_application"),
    ]

    operations = [
        *(migrations.AlterModelTable(name=modele, table=None) for modele in MODELES),
        migrations.RunPython(types_de_contenu_deplacer, types_de_contenu_rendre),
    ]
