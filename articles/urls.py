"""The archive's public pages (see DESIGN.md's contract); HTML pages are served from the
cache while the archive is unchanged (``articles.caching.cached_page``)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from articles import views
from articles.caching import cached_page
from articles.feeds import ArticleFeed
from articles.sitemaps import SITEMAPS

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/export.csv", views.export_csv, name="export_csv"),
    path("articles/export.json", views.export_json, name="export_json"),
    path("articles/feed/", views.answers_bad_query(ArticleFeed()), name="feed"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("articles/<int:pk>/<str:slug>/", views.article_detail, name="article_detail_slug"),
    path("people/", views.person_list, name="person_list"),
    path("people/<str:slug>/", views.person_detail, name="person_detail"),
    path("events/", views.event_list, name="event_list"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("dates/", cached_page(views.ArticleArchiveIndex.as_view()), name="date_index"),
    re_path(
        r"^dates/(?P<year>[0-9]{4})/$",
        cached_page(views.ArticleYearArchive.as_view()),
        name="date_year",
    ),
    re_path(
        r"^dates/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        cached_page(views.ArticleMonthArchive.as_view()),
        name="date_month",
    ),
    re_path(
        r"^dates/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        cached_page(views.ArticleDayArchive.as_view()),
        name="date_day",
    ),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
