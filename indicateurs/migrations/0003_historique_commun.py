"""L'historique des indicateurs rejoint l'historique commun (`plateforme.EntreeHistorique`) :
chaque ligne est reprise (date, auteur devenu membre, texte de la modification en résumé, sans
valeurs avant et après, que l'ancien historique ne séparait pas), puis l'ancien modèle
disparaît."""

from django.db import migrations

from strategie_nr.plateforme import reprise


def entrees(apps):
    ancien = apps.get_model("indicateurs", "EvenementIndicateur")
    auteurs = reprise.Auteurs(apps)
    for evenement in ancien.objects.select_related("suivi__definition").order_by("pk").iterator():
        suivi = evenement.suivi
        yield {
            "collectivite_id": suivi.collectivite_id,
            "auteur_id": auteurs.membre(suivi.collectivite_id, evenement.auteur_id),
            "auteur_nom": auteurs.nom(evenement.auteur_id),
            "le": evenement.date,
            "action": "creation"
            if evenement.description.startswith("Suivi commencé")
            else "figee"
            if " figée : " in evenement.description
            else "modification",
            "objet_type": "indicateurs.indicateursuivi",
            "objet_cle": str(suivi.pk),
            "objet_libelle": suivi.definition.libelle[:300],
            "resume": evenement.description,
        }


def reprendre(apps, schema_editor):
    reprise.ecrire(apps, entrees(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("indicateurs", "0002_precision_des_ratios_par_agent"),
        ("plateforme", "0001_historique"),
        ("collectivites", "0008_etat_d_envoi_des_invitations"),
    ]

    operations = [
        migrations.RunPython(reprendre, migrations.RunPython.noop),
        migrations.DeleteModel(name="EvenementIndicateur"),
    ]
