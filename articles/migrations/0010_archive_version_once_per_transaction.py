"""PostgreSQL raises the archive's version once per transaction, not once per statement.

0008_archive_version bumped the one row on every statement that touched the archive: an
import batch of 100 pages runs about 900 such statements, and every UPDATE of the same row
inside one transaction leaves a dead version that the next must step over, and that only
VACUUM removes. At 100,000 imported pages the row had 600,000 dead versions and the import
slowed to a third of its speed (more so where autovacuum is off). Readers see a transaction's
changes all at once at commit, so one bump per transaction invalidates exactly as well: the
trigger marks the transaction in a transaction-local setting and skips when it is marked.
A rolled-back savepoint resets the mark with its changes. SQLite keeps its per-row triggers:
it has no dead row versions.
"""

from django.db import migrations

PER_TRANSACTION = """
CREATE OR REPLACE FUNCTION articles_archive_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('articles.archive_changed', true) IS DISTINCT FROM 'yes' THEN
        UPDATE articles_archiveversion SET version = version + 1;
        PERFORM set_config('articles.archive_changed', 'yes', true);
    END IF;
    RETURN NULL;
END $$
"""
PER_STATEMENT = """
CREATE OR REPLACE FUNCTION articles_archive_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_archiveversion SET version = version + 1;
    RETURN NULL;
END $$
"""


def replace_function(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_article_source_path"),
    ]

    operations = [
        migrations.RunPython(replace_function(PER_TRANSACTION), replace_function(PER_STATEMENT)),
    ]
