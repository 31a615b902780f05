"""Une version validée ne peut plus être modifiée, même par un UPDATE direct en base.

Déclencheur SQL (SQLite et PostgreSQL) : toute mise à jour d'une ligne dont le statut est
« validée » est refusée. La suppression reste possible (suppression d'une collectivité).
"""

from django.db import migrations

MESSAGE = "Une version validée de la feuille de route est figée."

SQLITE = [
    f"""
    CREATE TRIGGER fiches_version_validee_figee
    BEFORE UPDATE ON fiches_versionfeuillederoute
    FOR EACH ROW WHEN OLD.statut = 'validee'
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """
]
SQLITE_RETOUR = ["DROP TRIGGER IF EXISTS fiches_version_validee_figee;"]

POSTGRES = [
    f"""
    CREATE OR REPLACE FUNCTION fiches_version_validee_figee() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER fiches_version_validee_figee
    BEFORE UPDATE ON fiches_versionfeuillederoute
    FOR EACH ROW WHEN (OLD.statut = 'validee')
    EXECUTE FUNCTION fiches_version_validee_figee();
    """,
]
POSTGRES_RETOUR = [
    "DROP TRIGGER IF EXISTS fiches_version_validee_figee ON fiches_versionfeuillederoute;",
    "DROP FUNCTION IF EXISTS fiches_version_validee_figee();",
]


def _executer(requetes_par_base):
    def executer(apps, schema_editor):
        for requete in requetes_par_base.get(schema_editor.connection.vendor, []):
            schema_editor.execute(requete)

    return executer


class Migration(migrations.Migration):
    dependencies = [("fiches", "0001_initial")]

    operations = [
        migrations.RunPython(
            _executer({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _executer({"sqlite": SQLITE_RETOUR, "postgresql": POSTGRES_RETOUR}),
        )
    ]
