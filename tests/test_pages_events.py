"""/events/ and /events/<id>/: filters, participants, the articles reporting each event."""

import datetime
from types import SimpleNamespace

import pytest

from tests.factories import make_article, make_event, make_organization, make_person, make_place

pytestmark = pytest.mark.django_db

MAX_LIST_QUERIES = 8


@pytest.fixture(scope="module")
def data(module_transaction):
    people = [make_person(name=f"Eventful {letter}") for letter in "ABC"]
    minsk = make_place(name="Minsk")
    csto = make_organization(name="Collective Security Treaty Organization")
    events = []
    for number in range(30):
        article = make_article(title=f"Event report {number}")
        events.append(
            make_event(
                kind="summit" if number % 3 == 0 else "talks",
                date=datetime.date(2015, 1, 1) + datetime.timedelta(days=number),
                place=minsk if number % 2 else None,
                participants=people[: 2 + number % 2],
                articles=[article],
            )
        )
    month_only = make_event(
        kind="visit",
        date=datetime.date(2016, 3, 1),
        precision="month",
        place=minsk,
        participants=people[:1],
        organizations=[csto],
        articles=[make_article(title="A visit in March"), make_article(title="The March visit")],
    )
    return SimpleNamespace(people=people, minsk=minsk, events=events, month_only=month_only)


def count(response) -> int:
    return response.context["page"].paginator.count


def test_it_lists_events_newest_first(client, data):
    response = client.get("/events/")
    assert response.status_code == 200
    assert list(response.context["page"])[0] == data.month_only


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "summit"}, 10),
        ({"person": "eventful-c"}, 15),
        ({"place": "minsk"}, 16),
        ({"date_after": "2015-01-10", "date_before": "2015-01-19"}, 10),
    ],
)
def test_it_filters_events(client, data, params, expected):
    assert count(client.get("/events/", params)) == expected


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "duel"}, "“duel” is not an event kind."),
        ({"person": "nobody"}, "No person has the slug “nobody”."),
        ({"date_after": "yesterday"}, "Enter a date as YYYY-MM-DD."),
        ({"page": "-1"}, "is not a page number"),
    ],
)
def test_bad_event_parameters_are_a_400(client, data, params, message):
    response = client.get("/events/", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_form_offers_the_people_and_places_of_events_and_keeps_the_choice(client, data):
    html = client.get("/events/", {"person": "eventful-b"}).content.decode()
    assert '<option value="eventful-b" selected>Eventful B</option>' in html
    assert '<option value="minsk">Minsk</option>' in html


def test_the_event_list_takes_a_bounded_number_of_queries(
    client, data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_LIST_QUERIES) as full:
        client.get("/events/")
    with django_assert_max_num_queries(MAX_LIST_QUERIES) as one:
        client.get("/events/", {"kind": "visit"})
    assert len(full.captured_queries) == len(one.captured_queries)


def test_an_event_page_shows_participants_place_precision_and_reports(client, data):
    html = client.get(data.month_only.get_absolute_url()).content.decode()
    assert "Visit in Minsk" in html
    assert '<time datetime="2016-03">March 2016</time>' in html
    assert "(known to the month)" in html
    assert "Eventful A" in html
    assert "Collective Security Treaty Organization" in html
    assert "A visit in March" in html
    assert "The March visit" in html


def test_a_missing_event_is_a_404(client, data):
    assert client.get("/events/999999999/").status_code == 404
