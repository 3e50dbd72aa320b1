"""Full-text search: the one module that knows the database vendor.

Placeholder (substring match) until the PostgreSQL/SQLite implementation lands; its
interface is what the rest of the project calls.
"""

from django.db.models import Q, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def search_articles(articles, query: str):
    """Filter ``articles`` to those matching ``query``; annotate ``search_rank``."""
    words = query.split()
    for word in words:
        articles = articles.filter(
            Q(title__icontains=word) | Q(body__icontains=word) | Q(search_names__icontains=word)
        )
    return articles.annotate(search_rank=Value(1.0))


def snippets(articles, query: str) -> dict[int, SafeString]:
    """A short, HTML-safe passage of each article's body around the match, terms marked."""
    return {article.pk: mark_safe(escape(article.body[:240])) for article in articles}  # noqa: S308
