"""Full-text search structures, one set per database vendor (see articles/search.py).

PostgreSQL: a stored generated ``search_vector`` tsvector column on articles (title A, linked
names B, body C) with a GIN index, a newest-first index with undated articles last, plus
pg_trgm and trigram indexes on people's names and aliases for "did you mean" suggestions.

SQLite: an external-content FTS5 table over (title, search_names, body) kept in step by
triggers.

Neither is part of a managed model: a tsvector column is meaningless on SQLite and an FTS5
table is meaningless on PostgreSQL, and a model field would make every SELECT on the other
vendor name a missing column. (The unmanaged ``ArticleSearchIndex`` only lets the ORM join the
FTS5 table on SQLite.) ``articles/search.py`` is the only code that refers to them.
Both are filled for the rows that already exist: the generated column by PostgreSQL itself,
the FTS5 table by its 'rebuild' command.

Caveat for SQLite: when a later migration makes Django rebuild ``articles_article`` (it copies
the table and drops the old one), the triggers go with the old table; such a migration must
run ``SQLITE_TRIGGERS`` again and rebuild the index.
"""

import django.db.models.deletion
from django.db import migrations, models

# 'russian' sends all-ASCII words to the English Snowball stemmer (checked on PostgreSQL 15:
# to_tsvector('russian', 'meetings Путина') = 'meet':1 'путин':2), so one literal,
# immutable config serves the mixed corpus. Bodies are cut at 300,000 characters because a
# tsvector is limited to 1 MB: a huge scraped page must not make its import fail.
# STORAGE MAIN keeps the vector in the row (the texts go to TOAST first): checking `@@` on
# the newest matches then costs no TOAST lookup per row, which made ranking a window of
# common-word matches 10x faster at 100,000 articles. One statement, so the rewrite that
# fills existing rows already uses it.
POSTGRES_FORWARDS = [
    # Trusted since PostgreSQL 13: a database owner may create it. Left in place on the way
    # back, as other code may come to use it.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    ALTER TABLE articles_article
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('russian'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('russian'::regconfig, coalesce(search_names, '')), 'B')
        || setweight(to_tsvector('russian'::regconfig, left(coalesce(body, ''), 300000)), 'C')
    ) STORED,
    ALTER COLUMN search_vector SET STORAGE MAIN
    """,
    "CREATE INDEX article_search_vector ON articles_article USING gin (search_vector)",
    # Newest first with undated articles last, as the pages sort: the model's article_newest
    # index is DESC NULLS FIRST on PostgreSQL, which this order cannot use. The relevance
    # window of a common word walks this index.
    """
    CREATE INDEX article_newest_dated_first
    ON articles_article (published_date DESC NULLS LAST, id DESC)
    """,
    "CREATE INDEX person_name_trgm ON articles_person USING gin (name gin_trgm_ops)",
    "CREATE INDEX person_alias_name_trgm ON articles_personalias USING gin (name gin_trgm_ops)",
]
POSTGRES_BACKWARDS = [
    "DROP INDEX IF EXISTS person_alias_name_trgm",
    "DROP INDEX IF EXISTS person_name_trgm",
    "DROP INDEX IF EXISTS article_newest_dated_first",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
]

# The porter stemmer wraps unicode61: English words are stemmed (meetings → meet), others
# are only case- and diacritic-folded; search.py reaches Russian inflections with prefix
# queries on a light stem instead (FTS5 has no Russian stemmer).
SQLITE_TABLE = """
    CREATE VIRTUAL TABLE articles_article_fts USING fts5(
        title, search_names, body,
        content='articles_article', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
"""
# An external-content table must be told the old values to delete them from the index.
SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER IF NOT EXISTS articles_article_fts_insert AFTER INSERT ON articles_article
    BEGIN
        INSERT INTO articles_article_fts (rowid, title, search_names, body)
        VALUES (new.id, new.title, new.search_names, new.body);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS articles_article_fts_delete AFTER DELETE ON articles_article
    BEGIN
        INSERT INTO articles_article_fts (articles_article_fts, rowid, title, search_names, body)
        VALUES ('delete', old.id, old.title, old.search_names, old.body);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS articles_article_fts_update
    AFTER UPDATE OF title, search_names, body ON articles_article
    BEGIN
        INSERT INTO articles_article_fts (articles_article_fts, rowid, title, search_names, body)
        VALUES ('delete', old.id, old.title, old.search_names, old.body);
        INSERT INTO articles_article_fts (rowid, title, search_names, body)
        VALUES (new.id, new.title, new.search_names, new.body);
    END
    """,
]
SQLITE_REBUILD = "INSERT INTO articles_article_fts (articles_article_fts) VALUES ('rebuild')"
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS articles_article_fts_insert",
    "DROP TRIGGER IF EXISTS articles_article_fts_delete",
    "DROP TRIGGER IF EXISTS articles_article_fts_update",
    "DROP TABLE IF EXISTS articles_article_fts",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_FORWARDS)
    elif vendor == "sqlite":
        _run(schema_editor, [SQLITE_TABLE, *SQLITE_TRIGGERS, SQLITE_REBUILD])


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_BACKWARDS)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editors_group"),
    ]

    # Not TrigramExtension(): its reverse queries pg_extension on every vendor.
    operations = [
        migrations.RunPython(forwards, backwards),
        # Unmanaged: only lets the ORM join the SQLite FTS5 table; creates nothing.
        migrations.CreateModel(
            name="ArticleSearchIndex",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        db_column="rowid",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="fts",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
            ],
            options={
                "db_table": "articles_article_fts",
                "managed": False,
                "default_permissions": (),
            },
        ),
    ]
