"""Events an article reports: what happened (kind), when, where and who took part.

Each sentence is read for the first word that names an event ("met", "talks", "session of the
…", "signed a protocol"); a telephone mention makes the event a phone call wherever it stands.
The title's event is the article's main event: sentences reporting the same meeting (two shared
participants) fill in its date and place. Quoted speech is masked, so a leader's words about past
meetings do not become events.
"""

import datetime
import re
from dataclasses import dataclass, field

from articles.importer import dates
from articles.importer.entities import Match
from articles.importer.people import PersonMention
from articles.importer.quotes import Quoted
from articles.importer.records import EventRecord
from articles.importer.text import Sentence, Words

PHONE_WORDS = ("phone", "telephone", "телефон")
PHONE_REACH = 16  # "over the telephone": how far before the phone word the phrase starts
PHONE = re.compile(
    r"telephone (?:conversation|call|talks?)|phone (?:call|conversation|talks?)"
    r"|(?:by|on the|over the) (?:tele)?phone|по телефону|телефонн\w+ (?:разговор|переговор)",
    re.IGNORECASE,
)
TRIGGER = re.compile(
    r"(?P<session>\b(?:session|sitting|meeting) of the (?:[\w-]+ ){0,5}?"
    r"(?:Council|Organi[sz]ation|CSTO|CIS|SCO|EAEU|Union|Assembly|Heads)\b|\bsession\b"
    r"|заседани\w*)"
    r"|(?P<summit>\bsummits?\b|саммит\w*)"
    r"|(?P<signing>\bsign(?:ed|s|ing)?\b(?: [\w-]+){0,4}? (?:agreements?|protocols?|memorand\w+"
    r"|treat(?:y|ies)|declarations?|documents?|roadmaps?|contracts?)\b|подписа\w*)"
    r"|(?P<visit>\b(?:official|state|working|friendly) visit\b|\bvisit(?:ed|s|ing)?\b"
    r"|визит\w*)"
    r"|(?P<talks>\btalks\b|\bnegotiations\b|переговор\w*)"
    r"|(?P<meeting>\bmeet(?:s|ing)?\b|\bmet\b|встреч\w*|встретил\w*)",
    re.IGNORECASE,
)
TRIGGER_WORDS = (
    "session", "sitting", "meet", "met", "summit", "sign", "official", "state", "working",
    "friendly", "visit", "talks", "negotiations", "заседани", "саммит", "подписа", "визит",
    "переговор", "встреч", "встретил",
)  # fmt: skip
BACK_REFERENCE_WORDS = (
    "after", "before", "during", "uring", "following", "at", "in", "ahead", "после", "перед",
    "в", "во",
)  # fmt: skip
# "After the meeting, they signed …": a back-reference to an event already reported.
BACK_REFERENCE = re.compile(
    r"\b(?:after|before|during|uring|following|at the end of|in the course of|ahead of)"
    r" (?:the|this|that) (?:meeting|talks|visit|summit|session)\b"
    r"|(?:после|перед|в ходе|во время) (?:встречи|переговоров|визита|саммита|заседания)",
    re.IGNORECASE,
)
PLACE_PREPOSITION = re.compile(r"(?:\b(?:in|at|of|to)|(?<!\w)(?:в|во|на))\s+(?:the\s+)?$", re.I)
REPORTS_FROM = re.compile(r"reports? from\s+$|(?:передает|сообщает)\s+из\s+$", re.IGNORECASE)
MEETING_LIKE = {"meeting", "talks"}
DATE_REACH = 80  # characters between an event word and a date that belongs to it


@dataclass
class Found:
    record: EventRecord
    sentence: Sentence
    people: list[str] = field(default_factory=list)


def _mask(words: Words, quotes: list[Quoted]) -> str:
    """The text with quoted speech and back-references blanked, offsets unchanged."""
    chars = list(words.text)
    spans = [(quote.start, quote.end) for quote in quotes]
    spans += [match.span() for match in words.matches(BACK_REFERENCE, BACK_REFERENCE_WORDS)]
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _triggers(words: Words, masked: str) -> list[tuple[int, str]]:
    """(offset, kind) of every word naming an event, phone calls included."""
    found = [
        (match.start(), match.lastgroup) for match in words.matches(TRIGGER, TRIGGER_WORDS, masked)
    ]
    for start in words.starting(PHONE_WORDS):
        phone = PHONE.search(masked, max(0, start - PHONE_REACH), start + PHONE_REACH * 2)
        if phone:
            found.append((phone.start(), "phone_call"))
    return sorted(found)


def _kind(triggers: list[tuple[int, str]], sentence: Sentence) -> tuple[str, int] | None:
    """The sentence's event: a phone call wherever it is mentioned, else the first event word."""
    inside = [(at, kind) for at, kind in triggers if sentence.start <= at < sentence.end]
    for at, kind in inside:
        if kind == "phone_call":
            return kind, at
    return (inside[0][1], inside[0][0]) if inside else None


def _place(masked: str, places: list[Match], sentence: Sentence, at: int, kind: str):
    """The place a sentence's event happened: a place after the event word, else before it."""
    inside = [
        place
        for place in places
        if sentence.start <= place.start < sentence.end
        and PLACE_PREPOSITION.search(masked[max(0, place.start - 12) : place.start])
    ]
    after = [place for place in inside if place.start > at]
    if kind == "visit":  # "visit to Ukraine": a visit is to its destination only
        chosen = after
    else:
        chosen = after or list(reversed([place for place in inside if place.start < at]))
    return chosen[0].items[0].name if chosen else None


def _date(found: list[dates.FoundDate], sentence: Sentence, at: int, published):
    """The date of the event named at ``at``: the most precise date near it in its sentence."""
    near = [
        date
        for date in found
        if sentence.start <= date.start < sentence.end
        and (abs(date.start - at) <= DATE_REACH or date.end <= at)
        and (published is None or date.date <= published)
    ]
    if not near:
        return None
    rank = {"day": 0, "month": 1, "year": 2}
    return min(near, key=lambda date: (rank[date.precision], abs(date.start - at)))


def find_events(
    words: Words,
    title_end: int,
    spans: list[Sentence],
    quotes: list[Quoted],
    mentions: list[PersonMention],
    places: list[Match],
    organizations: list[Match],
    published: datetime.date | None,
) -> list[EventRecord]:
    """Events in the text (the title, a blank line, the body), the main event first."""
    masked = _mask(words, quotes)
    all_dates = dates.find_dates(masked)
    if published is not None:
        all_dates += dates.find_relative_dates(masked, published, words)
    triggers = _triggers(words, masked)
    found: list[Found] = []
    previous_date: dict[int, dates.FoundDate] = {}
    for sentence in spans:
        kind_at = _kind(triggers, sentence)
        date = _date(all_dates, sentence, kind_at[1] if kind_at else sentence.end, published)
        if date is not None:
            previous_date[sentence.paragraph] = date
        if kind_at is None:
            continue
        kind, at = kind_at
        date = date or previous_date.get(sentence.paragraph)
        people = _names_in(mentions, sentence, quotes)
        organizations_here = [
            match.items[0].name
            for match in organizations
            if sentence.start <= match.start < sentence.end
        ]
        if not people and not organizations_here:
            continue
        record = EventRecord(
            kind=kind,
            date=date.date if date else None,
            precision=date.precision if date else "day",
            place=_place(masked, places, sentence, at, kind),
            participants=people,
            organizations=list(dict.fromkeys(organizations_here)),
        )
        found.append(Found(record, sentence, people))
    if not found:
        return []
    main = _main_event(found, title_end)
    events = [main.record]
    for other in found:
        if other is main:
            continue
        target = _same_event(events, other.record)
        if target is None:
            events.append(other.record)
        else:
            _merge(target, other.record)
    if main.record.place is None:
        main.record.place = _reported_from(masked, places)
    if main.record.date is None and published is not None:
        main.record.date, main.record.precision = published, "day"
    return events


def _names_in(mentions: list[PersonMention], sentence: Sentence, quotes) -> list[str]:
    names = [
        mention.name
        for mention in mentions
        if sentence.start <= mention.start < sentence.end
        and not any(quote.start <= mention.start < quote.end for quote in quotes)
    ]
    return list(dict.fromkeys(names))


def _main_event(found: list[Found], title_end: int) -> Found:
    in_title = [event for event in found if event.sentence.start < title_end]
    return in_title[0] if in_title else found[0]


def _same_event(events: list[EventRecord], candidate: EventRecord) -> EventRecord | None:
    for event in events:
        same_kind = event.kind == candidate.kind or {event.kind, candidate.kind} <= MEETING_LIKE
        shared = set(event.participants) & set(candidate.participants)
        dates_agree = event.date is None or candidate.date is None or event.date == candidate.date
        enough = len(shared) >= 2 or (
            shared and len(set(candidate.participants)) == len(shared) == len(event.participants)
        )
        if same_kind and dates_agree and (enough or _same_session(event, candidate)):
            return event
    return None


def _same_session(event: EventRecord, candidate: EventRecord) -> bool:
    return (
        event.kind == candidate.kind
        and not candidate.participants
        and bool(set(event.organizations) & set(candidate.organizations))
        and event.date == candidate.date
    )


def _merge(event: EventRecord, other: EventRecord) -> None:
    if event.date is None and other.date is not None:
        event.date, event.precision = other.date, other.precision
    event.place = event.place or other.place
    event.participants += [name for name in other.participants if name not in event.participants]
    event.organizations += [name for name in other.organizations if name not in event.organizations]


def _reported_from(masked: str, places: list[Match]) -> str | None:
    """The city a correspondent "reports from"; it is where the main event took place."""
    for place in places:
        if REPORTS_FROM.search(masked[max(0, place.start - 20) : place.start]):
            return place.items[0].name
    return None
