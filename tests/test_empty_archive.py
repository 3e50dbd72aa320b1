"""A fresh install, before any import: every page answers, none with a 404 or 500."""

import pytest

EMPTY_ARCHIVE_PAGES = [
    "/",
    "/articles/",
    "/articles/?q=Nazarbayev",
    "/people/",
    "/events/",
    "/dates/",
    "/articles/export.csv",
    "/articles/export.json",
    "/articles/feed/",
    "/sitemap.xml",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", EMPTY_ARCHIVE_PAGES)
def test_every_page_answers_on_an_empty_archive(client, path):
    assert client.get(path).status_code == 200
