"""``/sitemap.xml``: an index of one sitemap per kind of page (articles can run past the
50,000 URLs a single sitemap may hold; Django pages them)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Event, Person


class PageSitemap(Sitemap):
    def items(self):
        return [
            "articles:home",
            "articles:article_list",
            "articles:person_list",
            "articles:event_list",
            "articles:date_index",
        ]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.only("pk", "title", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class PersonSitemap(Sitemap):
    def items(self):
        return Person.objects.only("pk", "slug").order_by("pk")


class EventSitemap(Sitemap):
    def items(self):
        return Event.objects.only("pk").order_by("pk")


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "events": EventSitemap,
}
