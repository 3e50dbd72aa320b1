"""The article table carries the indexes its queries use, and no others (PostgreSQL)."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own indexes"),
]


def article_indexes() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles_article'"
        )
        return dict(cursor.fetchall())


def test_no_index_is_kept_twice_or_for_prefix_searches_nobody_makes():
    """Every import pays for every index on every row."""
    indexes = article_indexes()
    assert not [name for name in indexes if name.endswith("_like")]
    columns = [definition.split(" USING ")[1] for definition in indexes.values()]
    assert len(columns) == len(set(columns))


def test_the_newest_first_order_and_the_search_keep_their_indexes():
    indexes = article_indexes()
    assert "(published_date DESC NULLS LAST, id DESC)" in indexes["article_newest"]
    assert "gin (search_vector)" in indexes["article_search_vector"]
