"""/people/ and /people/<slug>/: leaders first, coverage, whom they met."""

import datetime
from types import SimpleNamespace

import pytest

from tests.factories import make_article, make_event, make_person, make_quote

pytestmark = pytest.mark.django_db

MAX_LIST_QUERIES = 6
MAX_DETAIL_QUERIES = 12


@pytest.fixture(scope="module")
def data(module_transaction):
    alpha = make_person(name="Aaa Alpha Leader", leader=True)
    beta = make_person(name="Aaa Beta Leader", leader=True)
    minister = make_person(name="Aaa Minister")
    for number in range(3):
        article = make_article(
            title=f"Alpha and Beta meet, part {number}",
            published=datetime.date(2012 + number, 5, 1),
            participants=[alpha, beta],
            people=[minister],
        )
        make_event(
            date=article.published_date, participants=[alpha, beta, minister], articles=[article]
        )
        make_quote(article=article, speaker=alpha, text=f"Quote number {number}.")
    make_article(title="Minister alone", people=[minister])
    make_article(title="Minister again", people=[minister])
    make_article(title="Minister thrice", people=[minister])
    make_article(title="Minister four", people=[minister])
    return SimpleNamespace(alpha=alpha, beta=beta, minister=minister)


def test_leaders_come_first_then_by_coverage(client, data):
    people = list(client.get("/people/").context["page"])
    flags = [person.is_leader for person in people]
    assert flags == sorted(flags, reverse=True)
    assert data.alpha in people


def test_people_can_be_sorted_by_coverage(client, data):
    response = client.get("/people/", {"sort": "coverage"})
    people = list(response.context["page"])
    assert people[0] == data.minister
    assert people[0].article_count == 7


def test_a_bad_sort_is_a_400(client, data):
    response = client.get("/people/", {"sort": "height"})
    assert response.status_code == 400
    assert "Sort people by leaders, coverage or name." in response.content.decode()


def test_the_people_list_takes_a_bounded_number_of_queries(
    client, data, django_assert_max_num_queries
):
    for sort in ("leaders", "coverage", "name"):
        with django_assert_max_num_queries(MAX_LIST_QUERIES):
            assert client.get("/people/", {"sort": sort}).status_code == 200


def test_a_person_page_shows_offices_timeline_meetings_events_and_quotes(client, data):
    response = client.get(data.alpha.get_absolute_url())
    html = response.content.decode()
    assert "<title>Aaa Alpha Leader ·" in html
    assert "President of Testland" in html
    assert "<svg" in html
    year_link = f"/articles/?person={data.alpha.slug}&amp;date_after=2013-01-01&amp;date_before="
    assert f'<a href="{year_link}2013-12-31" aria-label="2013: 1">' in html
    assert [row["year"] for row in response.context["coverage"]] == [2012, 2013, 2014]
    met = {person.name: person.meetings for person in response.context["met"]}
    assert met == {"Aaa Beta Leader": 3, "Aaa Minister": 3}
    assert f"?person={data.alpha.slug}&amp;person={data.beta.slug}" in html
    assert "Quote number 2." in html
    assert len(response.context["events"]) == 3


def test_the_person_page_takes_a_fixed_number_of_queries(
    client, data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_DETAIL_QUERIES):
        assert client.get(data.alpha.get_absolute_url()).status_code == 200


def test_an_unknown_person_is_a_404(client, data):
    assert client.get("/people/nobody-at-all/").status_code == 404


def test_a_persons_events_are_listed_newest_first(client, data):
    events = client.get(data.alpha.get_absolute_url()).context["events"]
    dates = [event.date for event in events]
    assert dates == sorted(dates, reverse=True)


def test_the_others_at_an_event_are_listed_without_a_dangling_comma(client, data):
    html = client.get(data.minister.get_absolute_url()).content.decode()
    assert "Aaa Alpha Leader, Aaa Beta Leader</span>" in html
