"""/dates/…: the date archive (years → months → days) with counts and previous/next links."""

import datetime

import pytest

from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


@pytest.fixture(scope="module")
def data(module_transaction):
    person = make_person(name="Dated Person")
    for day in (datetime.date(2013, 7, 4), datetime.date(2014, 12, 22), datetime.date(2015, 2, 1)):
        make_article(title=f"Report of {day}", published=day, participants=[person])
    for number in range(30):
        make_article(
            title=f"December report {number}",
            published=datetime.date(2014, 12, 23),
            participants=[person],
        )
    make_article(title="Undated report", published=None)


def test_the_index_lists_years_with_counts(client, data):
    response = client.get("/dates/")
    assert response.status_code == 200
    counts = {row["year"]: row["n"] for row in response.context["year_counts"]}
    assert counts[2014] == 31
    assert '<a href="/dates/2014/">2014</a>' in response.content.decode()
    assert "Undated report" not in response.content.decode()


def test_a_year_lists_its_months_and_links_to_its_neighbours(client, data):
    response = client.get("/dates/2014/")
    html = response.content.decode()
    assert '<a href="/dates/2014/12/">December</a> <span class="count">31</span>' in html
    assert 'href="/dates/2013/"' in html
    assert 'href="/dates/2015/"' in html
    assert "<title>2014 · Articles by date" in html


def test_a_month_lists_its_days_and_articles_a_page_at_a_time(client, data):
    response = client.get("/dates/2014/12/")
    html = response.content.decode()
    assert '<a href="/dates/2014/12/23/">23 December</a> <span class="count">30</span>' in html
    assert 'href="/dates/2013/07/"' in html
    assert 'href="/dates/2015/02/"' in html
    assert len(response.context["page_obj"].object_list) == 25


def test_a_day_lists_its_articles(client, data):
    response = client.get("/dates/2014/12/22/")
    assert [article.title for article in response.context["object_list"]] == [
        "Report of 2014-12-22"
    ]
    assert 'href="/dates/2014/12/23/"' in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/dates/2014/13/", "/dates/2014/02/30/", "/dates/0000/", "/dates/1999/", "/dates/2014/01/"],
)
def test_invalid_or_empty_dates_are_a_404(client, data, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url", ["/dates/", "/dates/2014/", "/dates/2014/12/", "/dates/2014/12/23/"]
)
def test_date_pages_take_a_bounded_number_of_queries(
    client, data, django_assert_max_num_queries, url
):
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200
