"""The archive's version is raised by every table the pages show, not only the articles'.

0008_archive_version left out quotes, events' organizations, offices, countries and the
alias tables. Whole pages are cached under the version since (``articles.caching``), and
the home page's leaders, a person's offices and country, the name links of an article and
its quotes come from those tables: an editor's correction there must show at once too.
"""

import importlib

from django.db import migrations

version_migration = importlib.import_module("articles.migrations.0008_archive_version")

TABLES = [
    "articles_quote",
    "articles_event_organizations",
    "articles_office",
    "articles_country",
    "articles_countryalias",
    "articles_sourcealias",
    "articles_personalias",
    "articles_placealias",
    "articles_organizationalias",
]


def create_triggers(apps, schema_editor):
    for table in TABLES:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION articles_archive_changed()"
            )
        else:
            for statement in version_migration.sqlite_triggers(table):
                schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    for table in TABLES:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER {table}_changed ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER {table}_{event}_changed")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_drop_unused_article_indexes"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers),
    ]
