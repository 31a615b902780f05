"""Les services déjà saisis dans le parc deviennent la liste des services de la collectivité
(« urbanisme » et « Urbanisme » n'en font qu'un, écrit comme la première fois)."""

import unicodedata

from django.db import migrations


def _cle(nom):
    sans_accents = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    return " ".join(sans_accents.lower().split())


def reprendre(apps, schema_editor):
    Equipement = apps.get_model("parc", "Equipement")
    Service = apps.get_model("collectivites", "Service")
    vus = set(Service.objects.values_list("collectivite_id", "cle"))
    a_creer = []
    valeurs = (
        Equipement.objects.exclude(service="")
        .order_by("collectivite_id", "service")
        .values_list("collectivite_id", "service")
        .distinct()
    )
    for collectivite_id, nom in valeurs:
        nom = " ".join(nom.split())[:150]
        cle = _cle(nom)
        if cle and (collectivite_id, cle) not in vus:
            vus.add((collectivite_id, cle))
            a_creer.append(Service(collectivite_id=collectivite_id, nom=nom, cle=cle))
    Service.objects.bulk_create(a_creer)


class Migration(migrations.Migration):
    dependencies = [
        ("collectivites", "0004_services_de_la_collectivite"),
        ("parc", "0002_equipements"),
    ]

    operations = [migrations.RunPython(reprendre, migrations.RunPython.noop)]
