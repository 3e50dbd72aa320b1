"""/: counts, latest articles, most-covered leaders, coverage over time."""

import datetime

import pytest

from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db

# Nothing cached: the counts, coverage, latest articles and leaders, and the archive's version
# (read by the page cache and by the figures' cache).
MAX_QUERIES = 9


@pytest.fixture(scope="module")
def data(module_transaction):
    leader = make_person(name="Home Leader", leader=True)
    for number in range(12):
        make_article(
            title=f"Home report {number}",
            published=datetime.date(2010 + number % 4, 3, 1 + number),
            participants=[leader],
        )


def test_the_overview_shows_counts_latest_leaders_and_a_chart(client, data):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["article_count"] >= 12
    assert len(response.context["latest_articles"]) == 10
    assert "Home Leader" in html
    assert all(person.article_count > 0 for person in response.context["leaders"])
    assert '<svg viewBox="0 0 640 160" role="group"' in html
    assert '<a href="/dates/2013/" aria-label="2013: 3">' in html


def test_the_overview_takes_a_bounded_number_of_queries(
    client, data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/").status_code == 200
