"""Articles remember the file they came from (``source_path``) and whether an editor
corrected them (``edited``); event reports the people they named (``participants``; unknown,
``NULL``, for reports stored before).

Articles stored earlier keep a blank path: they are never taken for an older version of a
file being imported, only recognised by their content (sha256).

SQLite cannot add a NOT NULL column in place, so Django rebuilds ``articles_article`` and
``articles_eventreport`` here, and the rebuild drops the triggers on them with the old tables:
the full-text triggers of 0004_search and the change triggers of 0008_archive_version. They are
created again, and the index rebuilt, at the end (see the caveat in 0004_search).
"""

import importlib

from django.db import migrations, models

search_migration = importlib.import_module("articles.migrations.0004_search")
version_migration = importlib.import_module("articles.migrations.0008_archive_version")
REBUILT_TABLES = ["articles_article", "articles_eventreport"]


def restore_search_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        version_triggers = [
            statement
            for table in REBUILT_TABLES
            for statement in version_migration.sqlite_triggers(table)
        ]
        for statement in [
            *search_migration.SQLITE_TRIGGERS,
            search_migration.SQLITE_REBUILD,
            *version_triggers,
        ]:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_archive_version"),
    ]

    operations = [
        # Undone last: removing the columns rebuilds the table again.
        migrations.RunPython(migrations.RunPython.noop, restore_search_triggers),
        migrations.AddField(
            model_name="article",
            name="source_path",
            field=models.CharField(
                blank=True,
                db_index=True,
                help_text="The file's resolved absolute path when imported; blank for older articles.",
                max_length=1000,
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="edited",
            field=models.BooleanField(
                default=False,
                help_text="Corrected by an editor: re-extraction leaves it alone. A changed file "
                "still replaces it on import.",
            ),
        ),
        migrations.AddField(
            model_name="eventreport",
            name="participants",
            field=models.JSONField(
                blank=True,
                default=None,
                help_text="People (ids) this article named at the event; null if stored before 0005.",
                null=True,
            ),
        ),
        migrations.RunPython(restore_search_triggers, migrations.RunPython.noop),
    ]
