"""Helpers for the import tests: pages written from a few facts, and a stand-in extractor.

``fake_extract`` reads those facts back (and finds knowledge-base names in the text), so the
tests of reading, saving and linking do not depend on what the real extractor finds.
"""

import datetime
import random
import re

from articles.importer.records import (
    EventRecord,
    Extraction,
    Knowledge,
    NameRecord,
    PersonRecord,
    QuoteRecord,
)
from articles.models import Person, Place


def page_text(
    title: str,
    *,
    body: str = "The leaders discussed cooperation.",
    published: str | None = None,
    source: str | None = None,
    bylines: tuple[str, ...] = (),
    unknown: tuple[tuple[str, str], ...] = (),
    events: tuple[str, ...] = (),
    quotes: tuple[tuple[str, str], ...] = (),
    fail: bool = False,
) -> str:
    """A page: the title, fact lines ``fake_extract`` understands, then the body."""
    lines = [title]
    if published:
        lines.append(f"published: {published}")
    if source:
        lines.append(f"source: {source}")
    if bylines:
        lines.append(f"by: {', '.join(bylines)}")
    lines += [f"unknown: {name} | {title}" for name, title in unknown]
    lines += [f"event: {event}" for event in events]
    lines += [f"quote: {speaker} | {text}" for speaker, text in quotes]
    if fail:
        lines.append("fail: extraction breaks here")
    lines.append(body)
    return "\n".join(lines) + "\n"


def fake_extract(text: str, knowledge: Knowledge) -> Extraction:
    """Title from the first line, facts from ``key: value`` lines, known names from the text.

    ``event: kind date|- place|- Name, Name`` describes an event.
    """
    lines = text.split("\n")
    facts: dict[str, list[str]] = {}
    for line in lines[1:]:
        key, _, value = line.partition(": ")
        if key in {"published", "source", "by", "unknown", "event", "quote", "fail"}:
            facts.setdefault(key, []).append(value)
    if "fail" in facts:
        raise ValueError(facts["fail"][0])
    people = [
        PersonRecord(name=person.name, count=count, position=position)
        for person in knowledge.people
        for count, position in [_occurrences(text, [person.name, *dict(person.aliases)])]
        if count
    ]
    people += [
        PersonRecord(name=name, known=False, title=title, role="participant")
        for name, title in (value.split(" | ") for value in facts.get("unknown", []))
    ]
    places = [
        NameRecord(name=place.name, count=count, position=position)
        for place in knowledge.places
        for count, position in [_occurrences(text, [place.name, *dict(place.aliases)])]
        if count
    ]
    events = []
    for value in facts.get("event", []):
        kind, day, place, names = value.split(" ", 3)
        events.append(
            EventRecord(
                kind=kind,
                date=None if day == "-" else datetime.date.fromisoformat(day),
                place=None if place == "-" else place,
                participants=[name.strip() for name in names.split(",")],
            )
        )
    published = facts.get("published", [None])[0]
    return Extraction(
        title=lines[0],
        body=lines[-2] if len(lines) > 1 else "",
        published=datetime.date.fromisoformat(published) if published else None,
        source=facts.get("source", [None])[0],
        bylines=facts["by"][0].split(", ") if "by" in facts else [],
        people=people,
        places=places,
        events=events,
        quotes=[
            QuoteRecord(speaker=speaker, text=quote)
            for speaker, quote in (value.split(" | ") for value in facts.get("quote", []))
        ],
    )


def _occurrences(text: str, names: list[str]) -> tuple[int, int]:
    found = [
        match.start()
        for name in names
        if name in text  # a cheap test first: the knowledge base has thousands of names
        for match in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    return len(found), min(found, default=0)


def leaders() -> dict[str, Person]:
    """Three leaders and two cities, whether or not the knowledge-base migration ran."""
    people = {}
    for name, surname, aliases in [
        ("Vladimir Putin", "Putin", ["Путин", "Владимир Путин"]),
        ("Nursultan Nazarbayev", "Nazarbayev", ["Назарбаев", "Nazarbaev"]),
        ("Alexander Lukashenko", "Lukashenko", ["Лукашенко"]),
    ]:
        person = Person.objects.filter(name=name).first() or Person.objects.create(
            name=name, surname=surname
        )
        for alias in aliases:
            person.aliases.get_or_create(name=alias)
        people[surname] = person
    for name in ["Moscow", "Astana"]:
        Place.objects.get_or_create(name=name)
    return people


LEADERS = [
    ("Vladimir Putin", "Russian President", "Moscow"),
    ("Nursultan Nazarbayev", "President of Kazakhstan", "Astana"),
    ("Alexander Lukashenko", "President of Belarus", "Minsk"),
    ("Islam Karimov", "President of Uzbekistan", "Tashkent"),
    ("Almazbek Atambayev", "President of Kyrgyzstan", "Bishkek"),
]


def write_corpus(folder, count: int, *, seed: int = 1) -> list:
    """``count`` distinct pages in the seeds' style (menus, a dated title, a meeting, a quote)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        (host, host_title, city), (guest, guest_title, _) = rng.sample(LEADERS, 2)
        day = datetime.date(2010, 1, 1) + datetime.timedelta(days=rng.randrange(3000))
        text = (
            "Реклама +7(700) 388 81 09\n  1. Main\n  2. Politics\n\n"
            f"{host.split()[-1]} meets {guest.split()[-1]} in {city} {day:%d.%m.%Y}\n\n"
            f"{host_title} {host} has held a meeting with {guest_title} {guest} "
            f"on {day:%B} {day.day}, {day.year} in {city}, report number {n}.\n\n"
            f"“We discussed trade and security,” {host.split()[-1]} said.\n\n"
            "Join Telegram\n"
        )
        path = folder / f"{n:05}_{rng.getrandbits(32):08x}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
