"""/articles/: the list, search, filters, facets and chips, and bad parameters."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    make_article,
    make_event,
    make_organization,
    make_person,
    make_place,
    make_source,
)

pytestmark = pytest.mark.django_db

URL = "/articles/"
PAGE_SIZE = 25
# Nothing cached (each test starts with an empty cache): the page, its count and people, the
# facets' window and counts (event kinds take two), the archive's version for the cache, and
# for a search on PostgreSQL the names searched for, the date statistics and the window
# (twice each with a date range: the years facet leaves it out).
MAX_LIST_QUERIES = 22


@pytest.fixture(scope="module")
def data(module_transaction):
    """30 articles, each naming three of five people, with places, organizations, events."""
    people = [make_person(name=f"Leader {letter}", leader=True) for letter in "ABCDE"]
    moscow, astana = make_place(name="Moscow"), make_place(name="Astana")
    eaeu = make_organization(name="Eurasian Economic Union")
    tass, akorda = make_source(name="Agency One"), make_source(name="Agency Two")
    articles = []
    for number in range(30):
        trio = [people[(number + step) % 5] for step in range(3)]
        article = make_article(
            title=f"Report {number:02d} on trade",
            body=f"Report {number:02d}.\nThe leaders discussed trade and energy.",
            published=datetime.date(2010 + number % 5, 1 + number % 12, 1 + number),
            source=tass if number % 2 else akorda,
            participants=trio[:2],
            people=trio[2:],
            places=[moscow if number % 3 else astana],
            organizations=[eaeu] if number % 4 == 0 else [],
        )
        make_event(
            kind="phone_call" if number % 5 == 0 else "meeting",
            date=article.published_date,
            participants=trio[:2],
            articles=[article],
        )
        articles.append(article)
    pipeline = make_article(
        title="Pipeline deal signed",
        body="A unique pipeline agreement.",
        published=datetime.date(2020, 6, 1),
        source=akorda,
        participants=people[:2],
    )
    return SimpleNamespace(
        people=people,
        moscow=moscow,
        astana=astana,
        eaeu=eaeu,
        tass=tass,
        akorda=akorda,
        articles=articles,
        pipeline=pipeline,
    )


def titles(response) -> list[str]:
    return [article.title for article in response.context["page"]]


def test_it_lists_articles_newest_first_a_page_at_a_time(client, data):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count == 31
    assert len(page.object_list) == PAGE_SIZE
    dates = [article.published_date for article in page]
    assert dates == sorted(dates, reverse=True)
    second = client.get(URL, {"page": 2})
    assert len(second.context["page"].object_list) == 31 - PAGE_SIZE


def test_it_sorts_oldest_first_when_asked(client, data):
    response = client.get(URL, {"sort": "oldest"})
    dates = [article.published_date for article in response.context["page"]]
    assert dates == sorted(dates)


def test_a_search_finds_matching_articles_with_snippets(client, data):
    response = client.get(URL, {"q": "pipeline"})
    assert titles(response) == ["Pipeline deal signed"]
    assert response.context["sort"] == "relevance"
    assert b'class="snippet"' in response.content
    assert "<title>“pipeline” · Articles" in response.content.decode()


def test_relevance_without_a_search_falls_back_to_newest(client, data):
    response = client.get(URL, {"sort": "relevance"})
    assert response.status_code == 200
    assert response.context["sort"] == "newest"


def test_several_people_must_all_be_named(client, data):
    first, second = data.people[0], data.people[1]
    one = client.get(URL, {"person": [first.slug]})
    both = client.get(URL, {"person": [first.slug, second.slug]})
    assert one.context["page"].paginator.count == 19
    assert both.context["page"].paginator.count == 13
    for article in both.context["page"]:
        named = {mention.person for mention in article.people_mentions}
        assert {first, second} <= named


@pytest.mark.parametrize(
    ("param", "attribute", "expected"),
    [
        ("place", "astana", 10),
        ("organization", "eaeu", 8),
        ("source", "tass", 15),
    ],
)
def test_it_filters_by_a_named_thing(client, data, param, attribute, expected):
    response = client.get(URL, {param: getattr(data, attribute).slug})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == expected


def test_it_filters_by_event_kind(client, data):
    response = client.get(URL, {"kind": "phone_call"})
    assert response.context["page"].paginator.count == 6


def test_date_bounds_are_inclusive(client, data):
    response = client.get(URL, {"date_after": "2020-06-01", "date_before": "2020-06-01"})
    assert titles(response) == ["Pipeline deal signed"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_after": "notadate"}, "date_after: Enter a date as YYYY-MM-DD."),
        ({"date_before": "99999-01-01"}, "date_before: Enter a date as YYYY-MM-DD."),
        ({"date_after": "2020-02-01", "date_before": "2020-01-01"}, "start date is later"),
        ({"page": "abc"}, "“abc” is not a page number"),
        ({"page": "0"}, "“0” is not a page number"),
        ({"page": "99999"}, "there is no page 99999; the results fill 2"),
        ({"page": "9" * 400}, "there is no page"),
        ({"page": "9" * 5000}, "there is no page"),
        ({"page": "１"}, "is not a page number"),
        ({"person": "unknown-slug"}, "No person has the slug “unknown-slug”."),
        ({"place": "atlantis"}, "No place has the slug “atlantis”."),
        ({"sort": "bogus"}, "Sort by relevance, newest or oldest."),
        ({"kind": "duel"}, "“duel” is not an event kind."),
        ({"q": "x" * 501}, "at most 500 characters"),
        ({"q": "pipe\x00line"}, "NUL character"),
        ({"person": "a\x00b"}, "NUL character"),
    ],
)
def test_bad_parameters_are_answered_with_400_and_the_reason(client, data, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_blank_parameters_from_an_emptied_form_are_ignored(client, data):
    blank = dict.fromkeys(
        ["q", "person", "place", "organization", "source", "kind", "date_after", "sort", "page"],
        "",
    )
    response = client.get(URL, blank)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 31


def test_facets_count_the_current_results(client, data):
    response = client.get(URL, {"person": data.people[0].slug})
    facets = {facet.param: facet for facet in response.context["facets"]}
    people = {value.label: value for value in facets["person"].values}
    assert people["Leader A"].count == 19
    assert people["Leader A"].active
    assert sum(value.count for value in facets["source"].values) == 19
    assert {value.label for value in facets["kind"].values} == {"meeting", "phone call"}


def test_facets_count_only_the_newest_results_of_a_large_set(client, data, monkeypatch):
    monkeypatch.setattr("articles.filters.FACET_WINDOW", 4)
    monkeypatch.setattr("articles.views.FACET_WINDOW", 4)
    response = client.get(URL)
    facets = {facet.param: facet for facet in response.context["facets"]}
    newest = sorted(data.articles + [data.pipeline], key=lambda a: a.published_date)[-4:]
    assert sum(value.count for value in facets["source"].values) == 4
    years = {int(value.label): value.count for value in facets["year"].values}
    assert sum(years.values()) == 4
    assert set(years) == {article.published_date.year for article in newest}
    assert "Counts of the newest 4 results." in response.content.decode()


def test_facets_of_a_small_set_say_nothing_of_a_window(client, data):
    response = client.get(URL, {"person": data.people[0].slug})
    assert "Counts of the newest" not in response.content.decode()


def test_a_single_valued_facet_keeps_its_other_values_visible(client, data):
    response = client.get(URL, {"place": data.astana.slug})
    facets = {facet.param: facet for facet in response.context["facets"]}
    places = {value.label: (value.count, value.active) for value in facets["place"].values}
    assert places == {"Astana": (10, True), "Moscow": (20, False)}


def test_facet_links_add_a_person_and_drop_the_page(client, data):
    first, second = data.people[0], data.people[1]
    response = client.get(URL, {"person": first.slug, "page": "1"})
    html = response.content.decode()
    assert f'href="?person={first.slug}&amp;person={second.slug}"' in html
    assert f'href="?person={first.slug}&amp;page=' not in html


def test_active_filters_are_chips_that_remove_themselves(client, data):
    first, second = data.people[0], data.people[1]
    response = client.get(URL, {"person": [first.slug, second.slug], "q": "trade"})
    html = response.content.decode()
    assert f"Person: {first.name}" in html
    assert f'href="/articles/?person={second.slug}&amp;q=trade"' in html
    assert f'href="/articles/?person={first.slug}&amp;person={second.slug}"' in html


def test_pagination_keeps_the_query(client, data):
    response = client.get(URL, {"date_after": "2000-01-01", "sort": "oldest"})
    assert 'href="?date_after=2000-01-01&amp;sort=oldest&amp;page=2"' in response.content.decode()


def test_an_empty_result_says_so(client, data):
    response = client.get(URL, {"q": "nothingmatchesthis"})
    assert response.status_code == 200
    assert "No article matches" in response.content.decode()


ONE_DAY = {"date_after": "2010-01-01", "date_before": "2010-01-01"}


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "trade"}, {"person": ["leader-a", "leader-b"], "sort": "oldest"}],
)
def test_the_list_takes_a_bounded_number_of_queries(
    client, data, django_assert_max_num_queries, params
):
    with django_assert_max_num_queries(MAX_LIST_QUERIES) as full_page:
        response = client.get(URL, params)
    assert len(response.context["page"].object_list) > 10
    # A page of one article takes exactly as many: nothing is queried per row.
    with django_assert_max_num_queries(MAX_LIST_QUERIES) as one_row:
        response = client.get(URL, {**params, **ONE_DAY})
    assert len(response.context["page"].object_list) == 1
    # The facets take the newest results once per filter in force they leave out: the date
    # range adds one window (the years facet is counted without it). On PostgreSQL a search
    # finds its relevance window once per set of filters too, through the cache: two more.
    windows = 1 + (2 if params.get("q") and connection.vendor == "postgresql" else 0)
    assert len(one_row.captured_queries) == len(full_page.captured_queries) + windows


def aggregate_queries(captured) -> list[str]:
    return [query["sql"] for query in captured if "COUNT(" in query["sql"]]


def test_the_facets_and_count_are_counted_once_for_every_page_and_sort(
    client, data, as_another_transaction
):
    params = {"person": data.people[0].slug, "q": "trade"}
    first = client.get(URL, params)
    with CaptureQueriesContext(connection) as again:
        second = client.get(URL, {**params, "sort": "oldest"})
    assert aggregate_queries(again.captured_queries) == []
    assert second.context["facets"] == first.context["facets"]
    assert second.context["page"].paginator.count == first.context["page"].paginator.count


def test_a_change_to_the_archive_shows_in_the_facets_and_count_at_once(
    client, data, as_another_transaction
):
    params = {"person": data.people[0].slug}
    before = client.get(URL, params).context
    make_article(title="Late report", participants=[data.people[0]], places=[data.moscow])
    as_another_transaction()

    after = client.get(URL, params).context
    assert after["page"].paginator.count == before["page"].paginator.count + 1
    places = {value.label: value.count for value in after["facets"][1].values}
    assert places["Moscow"] == 1 + {v.label: v.count for v in before["facets"][1].values}["Moscow"]


def test_a_query_of_nothing_searchable_does_not_share_the_cache_of_no_query(
    client, data, as_another_transaction
):
    """Control characters are dropped from a query: a key made from what is left took
    ``?q=%01``'s empty results for the whole archive's."""
    assert client.get(URL, {"q": "\x01"}).context["page"].paginator.count == 0
    response = client.get(URL, {"sort": "oldest"})
    assert response.context["page"].paginator.count == len(data.articles) + 1
    assert response.context["facets"][0].values
