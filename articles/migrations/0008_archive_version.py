"""``ArchiveVersion``: one row that triggers raise whenever the archive changes.

Whole-archive figures (the home page's counts and coverage) are cached under the version (``articles.caching``). Triggers rather than the importer
bumping it: the admin, ``reextract`` and cascades change the archive too. PostgreSQL
raises it once per statement, SQLite (no statement triggers) once per row.
"""

from django.db import migrations, models

TABLES = [
    "articles_article",
    "articles_personmention",
    "articles_placemention",
    "articles_organizationmention",
    "articles_event",
    "articles_eventreport",
    "articles_event_participants",
    "articles_person",
    "articles_place",
    "articles_organization",
    "articles_source",
]
BUMP = "UPDATE articles_archiveversion SET version = version + 1"


def sqlite_triggers(table: str) -> list[str]:
    """The SQLite triggers that bump the version on ``table`` (a table rebuild drops them)."""
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_{event.lower()}_changed AFTER {event} ON {table} "
        f"BEGIN {BUMP}; END"
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


def create_triggers(apps, schema_editor):
    schema_editor.execute("INSERT INTO articles_archiveversion (version) VALUES (1)")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE FUNCTION articles_archive_changed() RETURNS trigger LANGUAGE plpgsql "
            f"AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
        )
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION articles_archive_changed()"
            )
        return
    for table in TABLES:
        for statement in sqlite_triggers(table):
            schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER {table}_changed ON {table}")
        schema_editor.execute("DROP FUNCTION articles_archive_changed()")
        return
    for table in TABLES:
        for event in ("insert", "update", "delete"):
            schema_editor.execute(f"DROP TRIGGER {table}_{event}_changed")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_event_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArchiveVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.BigIntegerField(default=0)),
            ],
            options={
                "default_permissions": (),
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
