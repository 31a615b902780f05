"""Les changements de publication passent dans l'historique commun (plateforme), puis leur
table à part disparaît."""

from django.db import migrations

LIBELLES = {
    "indicateurs": "publier les indicateurs et leurs valeurs",
    "strategie": "publier la stratégie validée",
    "declaration_agec": "publier la déclaration AGEC",
}


def _nom(membre) -> str:
    if membre is None:
        return ""
    utilisateur = membre.utilisateur
    return (f"{utilisateur.first_name} {utilisateur.last_name}".strip() or utilisateur.email)[:300]


def reprendre(apps, schema_editor):
    Changement = apps.get_model("donnees", "ChangementPublication")
    Publication = apps.get_model("donnees", "Publication")
    Entree = apps.get_model("plateforme", "EntreeHistorique")
    publications = {p.collectivite_id: p for p in Publication.objects.select_related("collectivite")}
    entrees = []
    for changement in Changement.objects.select_related("par__utilisateur").order_by("le", "pk"):
        publication = publications.get(changement.collectivite_id)
        entrees.append(
            Entree(
                collectivite_id=changement.collectivite_id,
                auteur_id=changement.par_id,
                auteur_nom=_nom(changement.par),
                le=changement.le,
                action="modification",
                objet_type="donnees.publication",
                objet_cle=str(publication.pk) if publication else "",
                objet_libelle=(
                    f"Publication des données — {publication.collectivite.nom}"
                    if publication
                    else "Publication des données"
                )[:300],
                changements=[
                    {
                        "libelle": LIBELLES.get(changement.choix, changement.choix),
                        "nature": "booleen",
                        "avant": not changement.publie,
                        "apres": changement.publie,
                    }
                ],
            )
        )
    Entree.objects.bulk_create(entrees)


class Migration(migrations.Migration):
    dependencies = [
        ("donnees", "0001_publication_des_donnees"),
        ("plateforme", "0001_historique"),
    ]

    operations = [
        migrations.RunPython(reprendre, migrations.RunPython.noop),
        migrations.DeleteModel(name="ChangementPublication"),
    ]
