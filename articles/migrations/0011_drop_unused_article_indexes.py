"""Drop indexes of ``articles_article`` that no query uses, on PostgreSQL: every import pays
for each of them on every row.

- ``article_newest_dated_first`` (0004_search) is the same index as ``article_newest`` since
  0005_indexes rebuilt that one in the same order.
- The ``…_like`` indexes Django adds beside each indexed text column (``varchar_pattern_ops``,
  for ``LIKE 'prefix%'``): the archive looks its files up by equal sha256, name and path only.

Together they cost a quarter of the time of inserting an article at 100,000 articles. Nothing
here is in the migration state: SQLite has none of these indexes. Going back leaves them
dropped (nothing needs them); Django drops a ``…_like`` index with ``IF EXISTS`` when a later
migration alters its column.
"""

from django.db import migrations


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            r"""
            SELECT indexname FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename = 'articles_article'
            AND (indexname LIKE '%\_like' OR indexname = 'article_newest_dated_first')
            """
        )
        names = [name for (name,) in cursor.fetchall()]
    for name in names:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_archive_version_once_per_transaction"),
    ]

    operations = [
        migrations.RunPython(drop_indexes, migrations.RunPython.noop),
    ]
