"""L'historique des équipements rejoint l'historique commun (`plateforme.EntreeHistorique`) :
chaque ligne est reprise (date, auteur devenu membre, action, champs avant et après), puis
l'ancien modèle disparaît."""

from django.db import migrations

from strategie_nr.plateforme import reprise


def entrees(apps):
    ancien = apps.get_model("parc", "EvenementEquipement")
    auteurs = reprise.Auteurs(apps)
    for evenement in ancien.objects.select_related("equipement__type").order_by("pk").iterator():
        equipement = evenement.equipement
        collectivite_id = equipement.collectivite_id
        nom = " ".join(p for p in (equipement.marque, equipement.modele) if p) or str(
            equipement.type.libelle
        )
        repere = (
            equipement.nom
            or equipement.numero_inventaire
            or equipement.numero_serie
            or f"n° {equipement.pk}"
        )
        yield {
            "collectivite_id": collectivite_id,
            "auteur_id": auteurs.membre(collectivite_id, evenement.auteur_id),
            "auteur_nom": auteurs.nom(evenement.auteur_id),
            "le": evenement.date,
            "action": evenement.action,
            "objet_type": "parc.equipement",
            "objet_cle": str(equipement.pk),
            "objet_libelle": f"{nom} ({repere})"[:300],
            "changements": reprise.changements_textes(evenement.changements or {}),
        }


def reprendre(apps, schema_editor):
    reprise.ecrire(apps, entrees(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("parc", "0005_reforme_sans_sortie_connue"),
        ("plateforme", "0001_historique"),
        ("collectivites", "0008_etat_d_envoi_des_invitations"),
    ]

    operations = [
        migrations.RunPython(reprendre, migrations.RunPython.noop),
        migrations.DeleteModel(name="EvenementEquipement"),
    ]
