"""Migration 0004_search indexes the articles that exist when it runs, on either database."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article

BEFORE_SEARCH = [("articles", "0003_editors_group")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_articles_stored_before_the_search_migration_are_found():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("articles")
    executor.migrate(BEFORE_SEARCH)
    old_article = executor.loader.project_state(BEFORE_SEARCH).apps.get_model("articles", "Article")
    old_article.objects.create(
        title="Archived summit",
        body="An old report from Samarkand.",
        raw_text="An old report from Samarkand.",
        sha256="e" * 64,
        file_name="old.txt",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    assert [article.title for article in Article.objects.search("Samarkand")] == ["Archived summit"]
