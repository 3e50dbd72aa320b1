"""Build a ``Knowledge`` straight from the knowledge-base JSON, without the database.

Tests and ``articles.importer.evaluate`` use it; the importer builds its ``Knowledge`` from the
database instead, which holds what editors added on top of the file.
"""

import datetime
import json
from pathlib import Path

from articles.importer.records import Knowledge, KnownName, KnownPerson, OfficeTerm

KNOWLEDGE_BASE_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "knowledge_base.json"


def _aliases(item: dict, *implied: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """(alias, kind) pairs: the listed aliases (strings or objects) and the implied ones."""
    pairs = []
    for alias in item.get("aliases", []):
        if isinstance(alias, str):
            pairs.append((alias, "name"))
        else:
            pairs.append((alias["name"], alias.get("kind", "name")))
    pairs.extend((name, kind) for name, kind in implied if name)
    seen, unique = set(), []
    for name, kind in pairs:
        if name.strip() and (name, kind) not in seen:
            seen.add((name, kind))
            unique.append((name.strip(), kind))
    return tuple(unique)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _person(item: dict) -> KnownPerson:
    offices = tuple(
        OfficeTerm(
            title=office["title"],
            country_code=office["country"],
            head_of_state=office.get("head_of_state", False),
            head_of_government=office.get("head_of_government", False),
            start=_date(office["start"]),
            end=_date(office.get("end")),
        )
        for office in item.get("offices", [])
    )
    return KnownPerson(
        name=item["name"],
        given_name=item.get("given_name", ""),
        surname=item.get("surname", ""),
        surname_ru=item.get("surname_ru", ""),
        country_code=item.get("country") or "",
        aliases=_aliases(
            item,
            (item.get("name_ru", ""), "name"),
            (item.get("surname", ""), "surname"),
            (item.get("surname_ru", ""), "surname"),
        ),
        offices=offices,
    )


def _named(item: dict, *implied: tuple[str, str]) -> KnownName:
    return KnownName(
        name=item["name"],
        aliases=_aliases(item, *implied),
        country_code=item.get("country") or "",
        code=item.get("code", ""),
    )


def knowledge_from_json(data: dict) -> Knowledge:
    """The ``Knowledge`` the knowledge-base file describes."""
    return Knowledge(
        people=tuple(_person(item) for item in data.get("people", [])),
        places=tuple(_named(item) for item in data.get("places", [])),
        organizations=tuple(
            _named(item, (item.get("name_ru", ""), "name"))
            for item in data.get("organizations", [])
        ),
        sources=tuple(_named(item) for item in data.get("sources", [])),
        countries=tuple(_named(item) for item in data.get("countries", [])),
    )


def load_knowledge_file(path: Path = KNOWLEDGE_BASE_PATH) -> Knowledge:
    """The ``Knowledge`` in a knowledge-base JSON file."""
    with path.open(encoding="utf-8") as handle:
        return knowledge_from_json(json.load(handle))
