"""Building a ``Knowledge`` from the knowledge-base JSON, without the database."""

import datetime
import json

from articles.importer.knowledge_json import KNOWLEDGE_BASE_PATH, knowledge_from_json

DATA = {
    "countries": [
        {"code": "KZ", "name": "Kazakhstan", "aliases": [{"name": "Kazakh", "kind": "adjective"}]}
    ],
    "people": [
        {
            "name": "Nursultan Nazarbayev",
            "name_ru": "Нурсултан Назарбаев",
            "given_name": "Nursultan",
            "surname": "Nazarbayev",
            "surname_ru": "Назарбаев",
            "country": "KZ",
            "aliases": [{"name": "Nazarbaev", "language": "en", "kind": "surname"}],
            "offices": [
                {
                    "title": "President",
                    "country": "KZ",
                    "head_of_state": True,
                    "start": "1990-04-24",
                    "end": "2019-03-20",
                }
            ],
        }
    ],
    "organizations": [
        {"name": "Eurasian Economic Union", "name_ru": "Евразийский экономический союз"}
    ],
    "sources": [{"name": "Tengrinews", "country": "KZ", "aliases": ["tengrinews.kz"]}],
}


def test_people_get_their_russian_name_and_surnames_as_aliases():
    [person] = knowledge_from_json(DATA).people
    assert set(person.aliases) == {
        ("Nazarbaev", "surname"),
        ("Нурсултан Назарбаев", "name"),
        ("Nazarbayev", "surname"),
        ("Назарбаев", "surname"),
    }
    [office] = person.offices
    assert office.held_on(datetime.date(2018, 5, 15))
    assert not office.held_on(datetime.date(2020, 5, 15))


def test_outlet_aliases_written_as_plain_strings_are_names():
    [source] = knowledge_from_json(DATA).sources
    assert (source.name, source.aliases, source.country_code) == (
        "Tengrinews",
        (("tengrinews.kz", "name"),),
        "KZ",
    )


def test_organizations_get_their_russian_name_and_countries_their_code():
    knowledge = knowledge_from_json(DATA)
    assert knowledge.organizations[0].aliases == (("Евразийский экономический союз", "name"),)
    assert knowledge.countries[0].code == "KZ"


def test_the_real_knowledge_base_loads():
    knowledge = knowledge_from_json(json.loads(KNOWLEDGE_BASE_PATH.read_text(encoding="utf-8")))
    assert any(person.name == "Vladimir Putin" for person in knowledge.people)
    assert any(place.name == "Moscow" for place in knowledge.places)
