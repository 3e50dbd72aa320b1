"""Migration 0004_search indexes the articles that exist when it runs, on either database.

Its operations are undone and redone inside the test's transaction (DDL is transactional on
SQLite and PostgreSQL), so the rollback restores the schema and no other test is disturbed.
"""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from articles.models import Article

search_migration = importlib.import_module("articles.migrations.0004_search")


class StatementRunner:
    """The part of a schema editor the migration's functions use."""

    connection = connection

    def execute(self, sql, params=None):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


@pytest.mark.django_db
def test_articles_stored_before_the_search_migration_are_found():
    runner = StatementRunner()
    search_migration.backwards(apps, runner)
    Article.objects.create(
        title="Archived summit",
        body="An old report from Samarkand.",
        raw_text="An old report from Samarkand.",
        sha256="e" * 64,
        file_name="old.txt",
    )
    if connection.vendor == "postgresql":
        # Foreign keys are checked at commit; ALTER TABLE refuses to run with checks pending.
        runner.execute("SET CONSTRAINTS ALL IMMEDIATE")

    search_migration.forwards(apps, runner)

    assert [article.title for article in Article.objects.search("Samarkand")] == ["Archived summit"]
