"""The Atom feed of ``/articles/``: the same parameters, the same results, newest first
unless another order is asked for."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from articles.filters import ArticleFilter, validated

FEED_SIZE = 50
SUMMARY_WORDS = 60


class ArticleFeed(Feed):
    feed_type = Atom1Feed
    title = "Leaders' meetings archive"
    subtitle = "News reports on meetings between heads of state."

    def get_object(self, request):
        """The validated filters; bad parameters raise ``InvalidQuery`` (answered with 400)."""
        return validated(ArticleFilter(request.GET))

    def link(self, filterset):
        # One Feed instance serves every request: the query travels on the filterset.
        list_url = reverse("articles:article_list")
        query = filterset.data.urlencode()
        return f"{list_url}?{query}" if query else list_url

    def items(self, filterset):
        return filterset.qs.select_related("source")[:FEED_SIZE]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Atom1Feed writes the summary as type="html": escape the text so that readers show
        # a stored "<a href=javascript:…>" as text instead of rendering it.
        return escape(Truncator(article.body).words(SUMMARY_WORDS))

    def item_pubdate(self, article):
        if article.published_date is None:
            return article.imported_at
        return datetime.datetime.combine(
            article.published_date,
            article.published_time or datetime.time(),
            tzinfo=datetime.UTC,
        )

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return ", ".join(article.bylines) or None

    def item_categories(self, article):
        return [article.source.name] if article.source else []
