"""What every page shares: titles, canonical links, no external requests, sitemap, 404/500."""

import re

import pytest
from django.template.loader import render_to_string

from tests.factories import make_article, make_event, make_person

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(r'(?:src|href)="(?:https?:)?//(?!testserver)', re.IGNORECASE)


@pytest.fixture
def pages(db):
    person = make_person(name="Site Person", leader=True)
    article = make_article(title="Site article", participants=[person])
    event = make_event(participants=[person], articles=[article])
    return [
        "/",
        "/articles/",
        "/articles/?q=site",
        article.get_absolute_url(),
        "/people/",
        person.get_absolute_url(),
        "/events/",
        event.get_absolute_url(),
        "/dates/",
        "/dates/2014/",
        "/dates/2014/12/",
        "/dates/2014/12/23/",
    ]


def test_every_page_has_a_title_a_canonical_link_and_no_external_requests(client, pages):
    for url in pages:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert re.search(r"<title>[^<]+</title>", html), url
        assert '<link rel="canonical" href="http://testserver/' in html, url
        assert not EXTERNAL.search(html), url


def test_every_form_field_has_a_label(client, pages):
    for url in ["/articles/", "/events/"]:
        html = client.get(url).content.decode()
        for field_id in re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', html):
            assert f'<label for="{field_id}"' in html, (url, field_id)


def test_the_sitemap_lists_every_kind_of_page(client, pages):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert b"/sitemap-articles.xml" in index.content
    articles = client.get("/sitemap-articles.xml").content.decode()
    assert pages[3] in articles
    assert pages[5] in client.get("/sitemap-people.xml").content.decode()


def test_an_unknown_address_gets_the_useful_404_page(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Browse by date" in response.content.decode()


def test_the_500_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")
    assert "Something went wrong" in html


NASTY_VALUES = ["", " ", "%", "'", '"', "\u202e", "9" * 5000, "-1", "1e3", "😀", "<script>", "../x"]
PARAMS = ["q", "person", "place", "organization", "source", "kind", "date_after", "date_before"]


@pytest.mark.parametrize(
    "url",
    [
        "/articles/",
        "/articles/export.csv",
        "/articles/export.json",
        "/articles/feed/",
        "/events/",
        "/people/",
    ],
)
def test_no_parameter_value_makes_a_page_fail(client, pages, url):
    for name in [*PARAMS, "sort", "page"]:
        for value in NASTY_VALUES:
            response = client.get(url, {name: value})
            assert response.status_code in (200, 400), (name, value)


def test_an_event_id_beyond_any_integer_column_is_a_404(client, db):
    assert client.get("/events/99999999999999999999999/").status_code == 404
