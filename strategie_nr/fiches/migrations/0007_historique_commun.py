"""Les modifications des fiches rejoignent l'historique commun (`plateforme.EntreeHistorique`) :
chaque événement « fiche créée, modifiée, retirée » est repris (date, membre, fiche suivie par sa
lignée, version, champs modifiés — l'ancien historique n'en gardait que les noms), puis retiré ;
les événements du cycle de vie des versions restent ici, tels quels."""

# Générée par Django 5.2.19 on 2026-11-30 10:28

from django.db import migrations, models

from strategie_nr.plateforme import reprise

TYPES_FICHE = {
    "fiche_creee": "creation",
    "fiche_modifiee": "modification",
    "fiche_supprimee": "suppression",
}


def entrees(apps):
    ancien = apps.get_model("fiches", "Evenement")
    evenements = ancien.objects.filter(type__in=TYPES_FICHE).select_related(
        "version", "auteur__utilisateur"
    )
    for evenement in evenements.order_by("pk").iterator():
        details = [str(d) for d in evenement.details or []]
        resume = f"Version v{evenement.version.numero}."
        if details:
            resume += " Champs modifiés : " + ", ".join(details) + "."
        yield {
            "collectivite_id": evenement.collectivite_id,
            "auteur_id": evenement.auteur_id,
            "auteur_nom": reprise.nom_de(evenement.auteur.utilisateur if evenement.auteur else None),
            "le": evenement.le,
            "action": TYPES_FICHE[evenement.type],
            "objet_type": "fiches.ficheaction",
            "objet_cle": str(evenement.lignee) if evenement.lignee else "",
            "objet_libelle": evenement.titre_fiche,
            "resume": resume,
        }


def reprendre(apps, schema_editor):
    reprise.ecrire(apps, entrees(apps))
    apps.get_model("fiches", "Evenement").objects.filter(type__in=TYPES_FICHE).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('collectivites', '0008_etat_d_envoi_des_invitations'),
        ('fiches', '0006_fusion_import_et_integrite'),
        ('plateforme', '0001_historique'),
    ]

    operations = [
        migrations.RunPython(reprendre, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name='evenement',
            options={'ordering': ['-le', '-pk'], 'verbose_name': "événement d'une version", 'verbose_name_plural': 'événements des versions'},
        ),
        migrations.RemoveConstraint(
            model_name='evenement',
            name='evenement_type_connu',
        ),
        migrations.RemoveIndex(
            model_name='evenement',
            name='fiches_even_collect_b71515_idx',
        ),
        migrations.RemoveField(
            model_name='evenement',
            name='lignee',
        ),
        migrations.RemoveField(
            model_name='evenement',
            name='titre_fiche',
        ),
        migrations.AlterField(
            model_name='evenement',
            name='type',
            field=models.CharField(choices=[('version_creee', 'Version créée'), ('version_soumise', 'Version soumise'), ('version_validee', 'Version validée'), ('version_renvoyee', 'Version renvoyée')], max_length=30, verbose_name='quoi'),
        ),
        migrations.AddConstraint(
            model_name='evenement',
            constraint=models.CheckConstraint(condition=models.Q(('type__in', ['version_creee', 'version_soumise', 'version_validee', 'version_renvoyee'])), name='evenement_type_connu'),
        ),
    ]
