"""Hostile input: odd query parameters and paths never cause a server error, and hostile text
stored in the archive is shown as text, never run as markup, script or template.

The request tests cover every URL of DESIGN.md's contract and accept any status below 500, so
they hold both before and after a page exists (a 404 is fine, a 500 never).
"""

import re
from html import unescape
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import (
    Article,
    Event,
    Organization,
    Person,
    PersonMention,
    Place,
    Quote,
    Source,
)

# The client and the sample rows are shared by every example of a test; that is safe because
# the requests are reads and change nothing between examples.
HYPOTHESIS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

LIST_PAGES = [
    "/articles/",
    "/articles/export.csv",
    "/articles/export.json",
    "/articles/feed/",
    "/events/",
    "/people/",
    "/dates/",
    "/",
]
LIST_PARAMETERS = [
    "q",
    "person",
    "place",
    "organization",
    "source",
    "kind",
    "date_after",
    "date_before",
    "sort",
    "page",
]
NASTY = [
    "",
    " ",
    "'",
    '"',
    "\\",
    "\\'",
    "'; DROP TABLE articles_article; --",
    "1' OR '1'='1",
    "a & | ! ( ) : * < >",
    "!",
    "&",
    "|",
    "(((",
    ":*",
    "putin:*",
    "<->",
    "putin <-> nazarbayev",
    "putin <2> nazarbayev",
    "!!putin & !",
    '"unclosed phrase',
    "-",
    "--",
    "-putin",
    "or",
    "or or or",
    "*",
    "%",
    "_",
    "\x00",
    "putin\x00",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% debug %}",
    "Назарбаев",
    "Путин & Назарбаев | !",
    "ß",
    "İ",
    "\u202e",
    "\ufeff",
    "🙂",
    "\U0010ffff",
    "x" * 10_000,
    "0",
    "-1",
    "1e309",
    "NaN",
    "inf",
    "99999999999999999999999",
    "１２",
    "٣",
    "2014-12-23",
    "2014-02-30",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-2014-01-01",
    "2014-13-45",
    "23.12.2014",
    "2014-12-23T25:00",
    "relevance",
    "newest",
    "oldest",
    "meeting",
    "phone_call",
    "vladimir-putin",
    "../../etc/passwd",
]
huge = st.builds(
    lambda unit, times: (unit * times)[:10_000],
    st.text(min_size=1, max_size=3),
    st.integers(min_value=1_000, max_value=10_000),
)
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    huge,
)
parameters = st.dictionaries(
    keys=st.one_of(st.sampled_from(LIST_PARAMETERS), st.text(max_size=10)),
    values=st.lists(values, min_size=1, max_size=3),  # repeated parameters, as ?person=a&person=b
    max_size=len(LIST_PARAMETERS),
)
segments = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from([value for value in NASTY if value]),
    st.text(min_size=1, max_size=20),
).map(lambda segment: quote(segment, safe=""))
detail_paths = st.one_of(
    st.builds("/articles/{}/".format, segments),
    st.builds("/articles/{}/{}/".format, segments, segments),
    st.builds("/people/{}/".format, segments),
    st.builds("/events/{}/".format, segments),
)
date_paths = st.one_of(
    st.builds("/dates/{}/".format, segments),
    st.builds("/dates/{}/{}/".format, segments, segments),
    st.builds("/dates/{}/{}/{}/".format, segments, segments, segments),
)


@pytest.fixture
def archive(db):
    """A small archive, so that filters and pages have rows to work on.

    The knowledge base migration may already hold these names: reuse them when it does.
    """
    source, _ = Source.objects.get_or_create(name="Tengrinews")
    putin, _ = Person.objects.get_or_create(
        slug="vladimir-putin", defaults={"name": "Vladimir Putin"}
    )
    moscow, _ = Place.objects.get_or_create(slug="moscow", defaults={"name": "Moscow"})
    Organization.objects.get_or_create(name="Eurasian Economic Union")
    article = Article.objects.create(
        title="Putin meets Nazarbayev in Moscow",
        body="The presidents met in Moscow.",
        raw_text="The presidents met in Moscow.",
        sha256="d" * 64,
        file_name="a.txt",
        source=source,
        published_date="2014-12-23",
    )
    PersonMention.objects.create(article=article, person=putin, role="participant")
    event = Event.objects.create(kind="meeting", date="2014-12-22", place=moscow)
    event.participants.add(putin)
    return article


@pytest.mark.django_db
@pytest.mark.parametrize("page", LIST_PAGES)
@HYPOTHESIS
@given(params=parameters)
def test_list_pages_never_fail_on_hostile_parameters(client, archive, page, params):
    assert client.get(page, params).status_code < 500


@pytest.mark.django_db
@HYPOTHESIS
@given(path=detail_paths)
def test_detail_pages_never_fail_on_odd_ids_and_slugs(client, archive, path):
    assert client.get(path).status_code < 500


@pytest.mark.django_db
@HYPOTHESIS
@given(path=date_paths, params=parameters)
def test_date_pages_never_fail_on_odd_numbers(client, archive, path, params):
    assert client.get(path, params).status_code < 500


ADMIN_PARAMETERS = ["q", "o", "p", "e", "all", "language", "kind", "reviewed__exact"] + [
    f"{field}__{part}"
    for field in ["published_date", "date", "start"]  # the admins' date hierarchies
    for part in ["year", "month", "day"]
]
odd_numbers = st.integers(min_value=-(10**20), max_value=10**20).map(str)


@pytest.mark.django_db
@HYPOTHESIS
@given(
    model=st.sampled_from(["article", "person", "event", "office", "quote", "source"]),
    params=st.dictionaries(
        keys=st.sampled_from(ADMIN_PARAMETERS),
        values=st.lists(
            st.one_of(values, odd_numbers, st.sampled_from(["9999", "12", "31"])),
            min_size=1,
            max_size=2,
        ),
        max_size=5,
    ),
)
def test_admin_search_and_filters_never_fail(staff_client, archive, model, params):
    assert staff_client.get(f"/admin/articles/{model}/", params).status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "published_date__year=99999999999999999999999",
        "published_date__year=9999",
        "published_date__year=9999&published_date__month=12&published_date__day=31",
    ],
)
def test_an_impossible_date_in_the_admin_is_reported_as_a_bad_filter(staff_client, query):
    response = staff_client.get(f"/admin/articles/article/?{query}")
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "cookie"),
    [
        ("/people/x%00/", ""),
        ("/articles/?q=putin%00", ""),
        ("/articles/?person%00=x", ""),
        ("/admin/?q=%00", ""),
        # Cookie parsing decodes this plain-ASCII escape to NUL, then the session lookup uses it.
        ("/admin/", 'sessionid="abcdefgh\\000ijklmnop"'),
    ],
)
def test_a_nul_character_in_the_request_is_a_bad_request(client, url, cookie):
    # PostgreSQL cannot take NUL in text; without this guard a slug, filter or session key
    # holding one is a server error there.
    assert client.get(url, HTTP_COOKIE=cookie).status_code == 400


@pytest.mark.django_db
def test_thousands_of_parameters_are_a_bad_request(client):
    # DATA_UPLOAD_MAX_NUMBER_FIELDS caps the work one request can ask of the filters (1,500
    # people to match is 1,500 joins); the NUL guard reads the query first and must pass the
    # refusal on as a 400.
    query = "&".join(f"person=p{number}" for number in range(1_500))
    assert client.get(f"/articles/?{query}").status_code == 400


SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(1)">read more</a>'
TEMPLATE = "Summit {{ 7*7 }} {% debug %}"
HOSTILE = f"{SCRIPT} {IMAGE} {LINK} {TEMPLATE}"
RAW_MARKUP = [SCRIPT, IMAGE, LINK]
ATOM = "{http://www.w3.org/2005/Atom}"
JAVASCRIPT_LINK = re.compile(r"""(href|src)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)

# Pages that DESIGN.md promises but that are not on this branch yet: a 404 from these is
# accepted until they land. Empty this list then.
NOT_YET_BUILT = {
    "/articles/feed/",
    "/articles/export.csv",
    "/articles/export.json",
    "/dates/2014/12/23/",
}


@pytest.fixture
def hostile_article(db):
    source = Source.objects.create(name=f"Outlet {SCRIPT}", url="javascript:alert(1)")
    speaker = Person.objects.create(name=f"Speaker {SCRIPT}", slug="speaker")
    article = Article.objects.create(
        title=f"Headline {HOSTILE}",
        body=f"First paragraph {HOSTILE}\n\nSecond {LINK}",
        raw_text=f"Raw {HOSTILE}",
        sha256="e" * 64,
        file_name="hostile.txt",
        source=source,
        published_date="2014-12-23",
        bylines=[f"Reporter {SCRIPT}", TEMPLATE],
    )
    PersonMention.objects.create(article=article, person=speaker, role="participant")
    Quote.objects.create(article=article, speaker=speaker, text=f"Quoted {HOSTILE}")
    event = Event.objects.create(kind="meeting", date="2014-12-23")
    event.participants.add(speaker)
    event.articles.add(article)
    return article


def shown_text(html: str) -> str:
    """What a reader sees: the page without its tags (such as <mark>), entities decoded."""
    return unescape(re.sub(r"<[^>]*>", "", html))


def hostile_pages(article) -> list[str]:
    return [
        "/",
        "/articles/",
        "/articles/?q=Headline",
        "/articles/?q=script",
        article.get_absolute_url(),
        # Search terms marked inside the text, and the raw text shown on request.
        f"{article.get_absolute_url()}?q=script",
        f"{article.get_absolute_url()}?q=alert&raw=1",
        f"/people/{article.people.get().slug}/",
        f"/events/{article.events.get().pk}/",
        "/dates/2014/12/23/",
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_quote_changelist"),
        reverse("admin:articles_source_changelist"),
        reverse("admin:articles_source_change", args=[article.source_id]),
    ]


@pytest.mark.django_db
def test_stored_hostile_text_is_shown_as_text_on_every_page(staff_client, hostile_article):
    for path in hostile_pages(hostile_article):
        response = staff_client.get(path)
        if response.status_code == 404 and path in NOT_YET_BUILT:
            continue
        assert response.status_code == 200, path
        html = response.content.decode()
        for markup in RAW_MARKUP:
            assert markup not in html, (path, markup)
        assert not JAVASCRIPT_LINK.search(html), path
        assert "Summit 49" not in html, path
        # The text is on the page, as text: the page was not just silent about it.
        assert SCRIPT in shown_text(html), path


@pytest.mark.django_db
def test_the_feed_carries_hostile_text_as_text(client, hostile_article):
    feed = ElementTree.fromstring(client.get("/articles/feed/").content)
    entry = feed.find(f"{ATOM}entry")
    for element in entry.iter():
        # Atom content is text unless typed "html", when readers parse it once as markup.
        shown = element.text or ""
        if element.get("type") == "html":
            assert "<" not in shown, element.tag
            shown = unescape(shown)
        assert "Summit 49" not in shown
    assert entry.find(f"{ATOM}title").text.startswith(f"Headline {SCRIPT}")
    assert SCRIPT in unescape(entry.find(f"{ATOM}summary").text)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/articles/export.csv", "/articles/export.json"])
def test_exports_of_hostile_text_are_never_taken_for_html(client, hostile_article, path):
    response = client.get(path)
    if response.status_code == 404 and path in NOT_YET_BUILT:
        pytest.skip(f"{path} is not built on this branch yet")
    assert response.status_code == 200
    assert not response["Content-Type"].startswith("text/html")
    assert response["X-Content-Type-Options"] == "nosniff"
