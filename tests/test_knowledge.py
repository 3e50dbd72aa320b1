"""The seeded knowledge base: offices decide who "the President of Kazakhstan" was on a day."""

import datetime

import pytest
from django.urls import reverse

from articles.knowledge import load_knowledge_base, read_knowledge_base
from articles.models import Office, Organization, Person, Place


def president(country_code: str, day: str) -> str:
    people = Person.objects.holding_office(
        datetime.date.fromisoformat(day), country_code=country_code, head_of_state=True
    )
    return people.first().name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("country_code", "day", "expected"),
    [
        ("KZ", "2014-12-23", "Nursultan Nazarbayev"),
        ("KZ", "2019-06-15", "Kassym-Jomart Tokayev"),
        ("RU", "2010-01-01", "Dmitry Medvedev"),
        ("RU", "2018-05-15", "Vladimir Putin"),
        ("BY", "2001-06-01", "Alexander Lukashenko"),
        ("UA", "2014-12-23", "Petro Poroshenko"),
        ("UZ", "2017-01-01", "Shavkat Mirziyoyev"),
        ("CN", "2010-01-01", "Hu Jintao"),
    ],
)
def test_head_of_state_on_a_date(country_code, day, expected):
    assert president(country_code, day) == expected


@pytest.mark.django_db
def test_russian_prime_minister_in_2010_was_putin():
    people = Person.objects.holding_office(
        datetime.date(2010, 1, 1), country_code="RU", head_of_government=True
    )
    assert [person.name for person in people] == ["Vladimir Putin"]


@pytest.mark.django_db
def test_on_a_handover_day_the_newcomer_comes_first():
    assert president("KZ", "2019-03-20") == "Kassym-Jomart Tokayev"


@pytest.mark.django_db
def test_names_have_russian_forms_and_transliterations():
    nazarbayev = Person.objects.get(name="Nursultan Nazarbayev")
    aliases = set(nazarbayev.aliases.values_list("name", flat=True))
    assert {"Назарбаев", "Nazarbaev", "Nazarbayev"} <= aliases


@pytest.mark.django_db
def test_organizations_have_acronyms_and_places_russian_names():
    assert Organization.objects.filter(aliases__name="CSTO").get().name.startswith("Collective")
    assert Organization.objects.filter(aliases__name="EAEU").get().name == "Eurasian Economic Union"
    assert Place.objects.filter(aliases__name="Москва").get().name == "Moscow"


@pytest.mark.django_db
def test_loading_the_knowledge_base_again_adds_nothing():
    offices_before = Office.objects.count()
    added = load_knowledge_base(read_knowledge_base())
    assert set(added.values()) == {0}
    assert Office.objects.count() == offices_before


@pytest.mark.django_db
def test_admin_person_page_shows_aliases_and_offices_inline(staff_client):
    person = Person.objects.get(name="Nursultan Nazarbayev")
    response = staff_client.get(reverse("admin:articles_person_change", args=[person.pk]))
    assert response.status_code == 200
    assert b"Nazarbaev" in response.content
    assert b"1990-04-24" in response.content
