"""/articles/<id>/: one article with its people, events, quotes, marked text and raw text."""

import datetime
from types import SimpleNamespace

import pytest

from articles.models import PersonAlias
from tests.factories import (
    make_article,
    make_event,
    make_organization,
    make_person,
    make_place,
    make_quote,
    make_source,
)

pytestmark = pytest.mark.django_db

MAX_DETAIL_QUERIES = 12


@pytest.fixture(scope="module")
def data(module_transaction):
    putin = make_person(name="Vladimir Putin", leader=True)
    PersonAlias.objects.create(person=putin, name="Путин")
    nazarbayev = make_person(name="Nursultan Nazarbayev", leader=True)
    journalist = make_person(name="Dinara Urazova")
    moscow = make_place(name="Moscow")
    eaeu = make_organization(name="Eurasian Economic Union")
    article = make_article(
        title="Putin meets Nazarbayev in Moscow",
        body="Vladimir Putin met Nursultan Nazarbayev in Moscow.\n\nПутин said <b>trade</b> grew.",
        raw_text="Реклама +7(700)\nPutin meets Nazarbayev in Moscow\nJoin Telegram",
        source=make_source(name="Tengrinews"),
        bylines=["Dinara Urazova"],
        participants=[putin, nazarbayev],
        authors=[journalist],
        places=[moscow],
        organizations=[eaeu],
    )
    other = make_article(title="Nazarbayev returns from Moscow", participants=[nazarbayev])
    unrelated = make_article(title="Something else entirely")
    event = make_event(
        date=datetime.date(2014, 12, 22),
        place=moscow,
        participants=[putin, nazarbayev],
        articles=[article, other],
    )
    make_quote(article=article, speaker=nazarbayev, text="Our countries are close.")
    return SimpleNamespace(
        article=article, other=other, unrelated=unrelated, event=event, putin=putin
    )


def test_it_shows_the_article_with_what_extraction_found(client, data):
    response = client.get(data.article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Putin meets Nazarbayev in Moscow ·" in html
    assert "23 December 2014" in html
    assert "Tengrinews" in html
    assert "By Dinara Urazova" in html
    assert (
        f'<a href="{data.putin.get_absolute_url()}">Vladimir Putin</a> <span class="role">' in html
    )
    assert "participant" in html
    assert "Eurasian Economic Union" in html
    assert data.event.get_absolute_url() in html
    assert "Our countries are close." in html
    assert (
        f'<link rel="canonical" href="http://testserver{data.article.get_absolute_url()}">' in html
    )


def test_journalists_are_not_listed_among_the_people(client, data):
    response = client.get(data.article.get_absolute_url())
    assert [m.person.name for m in response.context["people_mentions"]] == [
        "Vladimir Putin",
        "Nursultan Nazarbayev",
    ]


def test_names_in_the_text_link_to_people_and_the_text_stays_escaped(client, data):
    html = client.get(data.article.get_absolute_url()).content.decode()
    link = f'<a class="person-ref" href="{data.putin.get_absolute_url()}">'
    assert f"{link}Vladimir Putin</a> met" in html
    assert f"{link}Путин</a> said" in html
    assert "&lt;b&gt;trade&lt;/b&gt;" in html


def test_search_terms_are_marked_when_arriving_from_a_search(client, data):
    html = client.get(data.article.get_absolute_url(), {"q": "trade -moscow"}).content.decode()
    assert "<mark>trade</mark>" in html
    assert "<mark>Moscow</mark>" not in html


def test_the_raw_text_is_shown_only_on_request(client, data):
    plain = client.get(data.article.get_absolute_url()).content.decode()
    assert "Join Telegram" not in plain
    assert "?raw=1#raw" in plain
    raw = client.get(data.article.get_absolute_url(), {"raw": "1"}).content.decode()
    assert "Join Telegram" in raw


def test_other_reports_of_the_same_events_are_listed(client, data):
    response = client.get(data.article.get_absolute_url())
    assert list(response.context["related"]) == [data.other]


def test_a_wrong_slug_redirects_to_the_canonical_address_keeping_the_query(client, data):
    response = client.get(f"/articles/{data.article.pk}/wrong-title/", {"q": "trade"})
    assert response.status_code == 301
    assert response["Location"] == f"{data.article.get_absolute_url()}?q=trade"


def test_the_address_without_a_slug_works(client, data):
    assert client.get(f"/articles/{data.article.pk}/").status_code == 200


def test_a_missing_article_is_a_404_with_a_useful_page(client, data):
    response = client.get("/articles/999999999/")
    assert response.status_code == 404
    assert "Search the articles" in response.content.decode()


def test_an_id_beyond_any_integer_column_is_a_404(client, data):
    assert client.get("/articles/99999999999999999999999/").status_code == 404


def test_the_page_takes_a_fixed_number_of_queries(client, data, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_DETAIL_QUERIES):
        assert client.get(data.article.get_absolute_url()).status_code == 200
