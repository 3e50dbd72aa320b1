"""Plain data passed between the pipeline's stages; no database access here.

``Knowledge`` is a snapshot of the knowledge base handed to the pure extractors;
``Extraction`` is what they find in one page, and also the ``--json`` record's shape.
"""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OfficeTerm:
    title: str
    country_code: str
    head_of_state: bool
    head_of_government: bool
    start: datetime.date
    end: datetime.date | None

    def held_on(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class KnownPerson:
    name: str
    given_name: str = ""
    surname: str = ""
    surname_ru: str = ""
    country_code: str = ""
    aliases: tuple[tuple[str, str], ...] = ()  # (alias, kind)
    offices: tuple[OfficeTerm, ...] = ()


@dataclass(frozen=True)
class KnownName:
    """A place, organization, source or country with the names it goes by."""

    name: str
    aliases: tuple[tuple[str, str], ...] = ()  # (alias, kind)
    country_code: str = ""
    code: str = ""  # countries only: ISO code


@dataclass(frozen=True)
class Knowledge:
    people: tuple[KnownPerson, ...] = ()
    places: tuple[KnownName, ...] = ()
    organizations: tuple[KnownName, ...] = ()
    sources: tuple[KnownName, ...] = ()
    countries: tuple[KnownName, ...] = ()


@dataclass
class PersonRecord:
    name: str
    count: int = 1
    position: int = 0  # offset of the first mention in the title + blank line + body
    role: str = "mentioned"  # participant | mentioned
    known: bool = True  # False: introduced by title in the text, not in the knowledge base
    title: str = ""  # for unknown people: the office or title that introduced them


@dataclass
class NameRecord:
    """A place or organization found in the text."""

    name: str
    count: int = 1
    position: int = 0  # offset of the first mention in the title + blank line + body


@dataclass
class EventRecord:
    kind: str  # meeting | talks | phone_call | summit | visit | signing | session | other
    date: datetime.date | None = None
    precision: str = "day"  # day | month | year
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)


@dataclass
class QuoteRecord:
    speaker: str | None
    text: str


@dataclass
class Extraction:
    """What one page holds. ``events[0]`` is the article's main event."""

    title: str
    body: str
    published: datetime.date | None = None
    published_time: datetime.time | None = None
    language: str = "en"
    source: str | None = None
    bylines: list[str] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    places: list[NameRecord] = field(default_factory=list)
    organizations: list[NameRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def contract_fields(self) -> dict:
        """The extraction record's fields of DESIGN.md (``title`` … ``quotes``), JSON-ready."""
        return {
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "source": self.source,
            "bylines": list(self.bylines),
            "people": [person.name for person in self.people],
            "places": [place.name for place in self.places],
            "organizations": [organization.name for organization in self.organizations],
            "events": [
                {
                    "kind": event.kind,
                    "date": event.date.isoformat() if event.date else None,
                    "place": event.place,
                    "participants": list(event.participants),
                }
                for event in self.events
            ],
            "quotes": [{"speaker": quote.speaker, "text": quote.text} for quote in self.quotes],
        }
