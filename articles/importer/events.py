"""Events an article reports: what happened (kind), when, where and who took part.

Each sentence is read for the first word that names an event ("met", "talks", "session of the
…", "signed a protocol"); a telephone mention makes the event a phone call wherever it stands,
and talks held on an official visit are the visit. The title's event is the article's main
event: sentences reporting it again (the same people, or the same organization or city) fill in
its date, place and participants. Quoted speech, references back ("after the meeting") and plans
("ahead of the summit") are masked, so they do not become events of their own.
"""

import datetime
import re
from dataclasses import dataclass

from articles.importer import dates
from articles.importer.entities import Match
from articles.importer.people import PersonMention
from articles.importer.quotes import Quoted, outside_quotes
from articles.importer.records import EventRecord
from articles.importer.text import ByOffset, Sentence, Words

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
    r"|заседани\w*|сесси\w*)"
    r"|(?P<summit>\bsummits?\b|\bgather(?:s|ed|ing)?\b|саммит\w*)"
    r"|(?P<signing>\bsign(?:ed|s|ing)?\b(?: [\w-]+){0,4}? (?:agreements?|protocols?|memorand\w+"
    r"|treat(?:y|ies)|declarations?|documents?|roadmaps?|contracts?|statements?|communiqu\w+"
    r"|accords?)\b|подписа\w*"
    r"|\b(?:agreements?|protocols?|memorand\w+|treat(?:y|ies)|declarations?|documents?|statements?)"
    r"(?: [\w-]+){0,5}? (?:was |were |had been )?signed\b)"
    r"|(?P<state_visit>\b(?:official|state|working|friendly) visit\b"
    r"|(?:официальн|государственн|рабоч|дружественн)\w* визит\w*)"
    r"|(?P<visit>(?<!to )\bvisit(?:ed|s|ing)?\b|\barriv(?:es|ed|ing) in\b|прибыл\w* в\b|визит\w*)"
    r"|(?P<talks>\btalks\b|\bnegotiations\b|переговор\w*)"
    r"|(?P<meeting>(?<!to )\b(?:meet(?:s|ing)?|met|receiv(?:e|es|ed))\b|встреч\w*|встретил\w*)",
    re.IGNORECASE,
)
# "invited him to visit", "agreed to meet": plans, not events (the "(?<!to )" above).
TRIGGER_WORDS = (
    "receiv", "session", "agreement", "protocol", "memorand", "treat", "declaration",
    "document", "sitting", "meet", "met", "summit", "sign", "official", "state", "working",
    "friendly", "visit", "talks", "negotiations", "заседани", "саммит", "подписа", "визит",
    "переговор", "встреч", "встретил", "сесси", "gather", "arriv", "прибыл", "официальн",
    "государственн", "рабоч", "дружественн",
)  # fmt: skip
BACK_REFERENCE_WORDS = (
    "after", "before", "during", "uring", "following", "at", "in", "ahead", "said", "noted",
    "added", "stressed", "после", "перед", "в", "во",
)  # fmt: skip
# "After the meeting, they signed …": a reference to an event already reported, on its day.
BACK_REFERENCE = re.compile(
    r"\b(?:after|during|uring|following|at the end of|at the start of|at the beginning of"
    r"|in the course of) (?:the|this|that) (?:meeting|talks|visit|summit|session)\b"
    r"|\b(?:said|noted|added|stressed) (?:that )?the (?:meeting|talks|visit|summit|session)\b"
    r"|(?:после|в ходе|во время) (?:встречи|переговоров|визита|саммита|заседания)",
    re.IGNORECASE,
)
BACK_REFERENCE_WORDS = (
    "after", "during", "uring", "following", "end", "start", "beginning", "course", "said",
    "noted", "added", "stressed", "после", "ходе", "время",
)  # fmt: skip
BACK_REFERENCE_REACH = 8  # "at the " before "end of the meeting"
# "Ahead of the summit", "preparations for the session": a plan, not an event.
PLAN = re.compile(
    r"\b(?:before|ahead of|preparations? for) (?:the|this|that|a|an) (?:[\w-]+ ){0,4}?"
    r"(?:meeting|talks|visit|summit|session)\b"
    r"|(?:перед|подготовк\w* к) (?:\w+ ){0,2}?(?:встрече|переговорам|визиту|саммиту|заседанию)",
    re.IGNORECASE,
)
PLAN_WORDS = ("before", "ahead", "preparation", "перед", "подготовк")
PLACE_PREPOSITION = re.compile(r"(?:\b(?:in|at|of|to)|(?<!\w)(?:в|во|на))\s+(?:the\s+)?$", re.I)
REPORTS_FROM = re.compile(r"reports? from\s+$|(?:передает|сообщает)\s+из\s+$", re.IGNORECASE)
REPORTED_SPEECH = re.compile(
    r"\b(?:said|noted|stressed|added|recalled|reminded|was aware of the fact) that\b"
    r"|(?:сказал|отметил|подчеркнул|напомнил|заявил)\w*,? что\b",
    re.IGNORECASE,
)
MEETING_LIKE = {"meeting", "talks"}
VISIT = "visit"
GATHERINGS = {"summit", "session"}
# Kinds that take two sides: found with one participant outside the main event, they are
# back-references ("at the talks, Putin said …"), not events of their own.
TWO_SIDED = {"meeting", "talks", "phone_call"}
VISIT_TO = re.compile(r"[\w ]{0,25}?visit\w*\s+to\s+(?!the\s)[A-ZА-ЯЁ]")
DATE_REACH = 120  # characters between an event word and a date that belongs to it


@dataclass
class Found:
    record: EventRecord
    sentence: Sentence
    refers_back: bool = False  # "after the meeting": on the day of the event referred to
    frames_talks: bool = False  # "held talks during an official visit": the talks are the visit


def _mask(words: Words, quotes: list[Quoted]) -> tuple[str, list[int]]:
    """The text with quoted speech, back-references and plans blanked, offsets unchanged, and
    where the back-references start."""
    chars = list(words.text)
    back = [
        match.span()
        for match in words.matches_around(
            BACK_REFERENCE, BACK_REFERENCE_WORDS, BACK_REFERENCE_REACH
        )
    ]
    spans = [(quote.start, quote.end) for quote in quotes] + back
    spans += [match.span() for match in words.matches(PLAN, PLAN_WORDS)]
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars), [start for start, _ in back]


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


def _kind(
    inside: list[tuple[int, str]], organization_ends: set[int]
) -> tuple[str, int, bool] | None:
    """A sentence's event, from the event words ``inside`` it: a phone call wherever it is
    mentioned, else the first; an organization that meets ("the Council meets") holds a session;
    talks held on an official visit are the visit (the flag: the visit frames the talks)."""
    for at, kind in inside:
        if kind == "phone_call":
            return kind, at, False
    if not inside:
        return None
    at, kind = inside[0]
    if kind in MEETING_LIKE and any(other == "state_visit" for _, other in inside):
        return VISIT, at, True
    if kind == "meeting" and (at - 1 in organization_ends or at - 2 in organization_ends):
        kind = "session"
    return (VISIT if kind == "state_visit" else kind), at, False


def _place(masked: str, places: list[Match], at: int, kind: str):
    """The place of a sentence's event, from the ``places`` in the sentence: a place after the
    event word, else before it.

    A visit "to Ukraine" is to a country: no city is named for it, and the city before the
    event word ("arrives in Moscow after a visit to Ukraine") is somewhere else.
    """
    inside = [
        place
        for place in places
        if PLACE_PREPOSITION.search(masked, max(0, place.start - 12), place.start)
    ]
    after = [place for place in inside if place.start > at]
    before = list(reversed([place for place in inside if place.start < at]))
    if kind == "visit" and VISIT_TO.match(masked, at):
        before = []
    chosen = after or before
    return chosen[0].items[0].name if chosen else None


def _date(found: list[dates.FoundDate], at: int, published):
    """The date of the event named at ``at``: the most precise of the dates ``found`` in its
    sentence that stands near it."""
    near = [
        date
        for date in found
        if (abs(date.start - at) <= DATE_REACH or date.end <= at)
        and (published is None or date.date <= published)
    ]
    if not near:
        return None
    rank = {"day": 0, "month": 1, "year": 2}
    return min(near, key=lambda date: (rank[date.precision], abs(date.start - at)))


@dataclass
class _Page:
    """What the sentence readers look up, each kept in offset order."""

    masked: str
    published: datetime.date | None
    dates: ByOffset
    triggers: ByOffset
    people: ByOffset
    places: ByOffset
    organizations: ByOffset
    back_references: ByOffset
    organization_ends: set[int]
    paragraphs: dict[int, tuple[int, int]]  # paragraph number -> (start, end)


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
    masked, back_references = _mask(words, quotes)
    found_dates = dates.find_dates(masked)
    if published is not None:
        found_dates += dates.find_relative_dates(masked, published, words)
    paragraphs: dict[int, tuple[int, int]] = {}
    for sentence in spans:
        first = paragraphs.get(sentence.paragraph, (sentence.start, 0))[0]
        paragraphs[sentence.paragraph] = (first, sentence.end)
    # Sorted by offset, so each sentence takes its own in a look-up, not a scan of the page.
    page = _Page(
        masked=masked,
        published=published,
        dates=ByOffset(found_dates, lambda date: date.start),
        triggers=ByOffset(_triggers(words, masked), lambda trigger: trigger[0]),
        people=ByOffset(outside_quotes(mentions, quotes), lambda mention: mention.start),
        places=ByOffset(places, lambda match: match.start),
        organizations=ByOffset(organizations, lambda match: match.start),
        back_references=ByOffset(back_references, lambda start: start),
        organization_ends={match.end for match in organizations},
        paragraphs=paragraphs,
    )
    found = _read_sentences(page, spans)
    if not found:
        return []
    main = _main_event(found, title_end)
    events = _combine(found, main)
    _complete_main(page, spans, main.record)
    for other in found:
        if other.refers_back and other.record.date is None:
            other.record.date, other.record.precision = main.record.date, main.record.precision
    return events


def _read_sentences(page: _Page, spans: list[Sentence]) -> list[Found]:
    """The event each sentence names, with its date, place, participants and organizations."""
    found = []
    # The last dated sentence of each paragraph: its date and place carry over to the next
    # sentences of the paragraph ("Today a session was held in Moscow. In addition, …").
    previous: dict[int, tuple[dates.FoundDate, str | None]] = {}
    for sentence in spans:
        inside = (sentence.start, sentence.end)
        kind_at = _kind(page.triggers.between(*inside), page.organization_ends)
        at = kind_at[1] if kind_at else sentence.end
        date = _date(page.dates.between(*inside), at, page.published)
        place = _place(page.masked, page.places.between(*inside), at, kind_at[0] if kind_at else "")
        if date is not None:
            previous[sentence.paragraph] = (date, place)
        if kind_at is None:
            continue
        kind, _, frames_talks = kind_at
        if date is None and sentence.paragraph in previous:
            date, place = previous[sentence.paragraph][0], place or previous[sentence.paragraph][1]
        # "Putin said that Nazarbayev had visited Kiev": the speaker did not take part.
        reported = REPORTED_SPEECH.search(page.masked, sentence.start, at)
        people = _names(
            page.people.between(reported.end() if reported else sentence.start, inside[1])
        )
        if not people and kind in GATHERINGS:
            # "A summit opened in Samarkand. Taking part are …": the paragraph names them.
            people = _names(page.people.between(*page.paragraphs[sentence.paragraph]))
        organizations = [match.items[0].name for match in page.organizations.between(*inside)]
        if not (people or organizations or place):
            continue
        record = EventRecord(
            kind=kind,
            date=date.date if date else None,
            precision=date.precision if date else "day",
            place=place,
            participants=people,
            organizations=list(dict.fromkeys(organizations)),
        )
        refers_back = bool(page.back_references.between(*inside))
        found.append(Found(record, sentence, refers_back, frames_talks))
    return found


def _combine(found: list[Found], main: Found) -> list[EventRecord]:
    """The distinct events, the main one first: reports of one event are merged into it."""
    events = [main.record]
    for other in found:
        if other is main:
            continue
        target = _same_event(events, other.record)
        if target is None and _part_of_main(main.record, other.record):
            target = main.record
        if target is None and other.frames_talks and _visit_of_main(main.record, other.record):
            main.record.kind, target = VISIT, main.record
        if target is None:
            events.append(other.record)
        else:
            _merge(target, other.record)
    return [main.record] + [
        event for event in events[1:] if event.kind not in TWO_SIDED or len(event.participants) >= 2
    ]


def _complete_main(page: _Page, spans: list[Sentence], main: EventRecord) -> None:
    """Fill the main event's place and date from the rest of the page when its reports lack
    them: where its participants appear together, where the correspondent reports from, and
    the day of publication."""
    if main.place is None:
        main.place = _place_of_participants(page, spans, main)
    if main.place is None:
        main.place = _reported_from(page.masked, page.places.items)
    if main.date is None and page.published is not None:
        main.date, main.precision = page.published, "day"


def _names(mentions: list[PersonMention]) -> list[str]:
    return list(dict.fromkeys(mention.name for mention in mentions))


def _main_event(found: list[Found], title_end: int) -> Found:
    in_title = [event for event in found if event.sentence.start < title_end]
    return in_title[0] if in_title else found[0]


def _same_event(events: list[EventRecord], candidate: EventRecord) -> EventRecord | None:
    """The event ``candidate`` reports again: same kind, agreeing dates, and the same people
    (two shared, or one side's people all among the other's) or, when one side names nobody,
    the same organization or place ("Leaders meet in Moscow" and who met there)."""
    for event in events:
        same_kind = event.kind == candidate.kind or {event.kind, candidate.kind} <= MEETING_LIKE
        dates_agree = event.date is None or candidate.date is None or event.date == candidate.date
        if not (same_kind and dates_agree):
            continue
        ours, theirs = set(event.participants), set(candidate.participants)
        shared = ours & theirs
        if len(shared) >= 2 or (shared and (ours <= theirs or theirs <= ours)):
            return event
        if (not ours or not theirs) and _same_frame(event, candidate):
            return event
    return None


def _visit_of_main(main: EventRecord, visit: EventRecord) -> bool:
    """The title's talks are the talks held on this official visit: the same two people."""
    shared = set(main.participants) & set(visit.participants)
    return main.kind in MEETING_LIKE and (len(shared) >= 2 or set(main.participants) <= shared)


def _part_of_main(main: EventRecord, candidate: EventRecord) -> bool:
    """An undated summit or session in an article about one is that gathering again
    ("the host of the summit opened the meeting of the Council")."""
    return main.kind in GATHERINGS and candidate.kind == main.kind and candidate.date is None


def _same_frame(event: EventRecord, candidate: EventRecord) -> bool:
    shared_organization = bool(set(event.organizations) & set(candidate.organizations))
    same_place = event.place is not None and event.place == candidate.place
    if event.organizations and candidate.organizations and not shared_organization:
        return False  # a CSTO session and a Council session on one day in one city
    return shared_organization or same_place


def _merge(event: EventRecord, other: EventRecord) -> None:
    if event.date is None and other.date is not None:
        event.date, event.precision = other.date, other.precision
    event.place = event.place or other.place
    event.participants += [name for name in other.participants if name not in event.participants]
    event.organizations += [name for name in other.organizations if name not in event.organizations]


def _place_of_participants(page: _Page, spans: list[Sentence], event: EventRecord) -> str | None:
    """A place named in a sentence where the event's participants appear together."""
    if len(event.participants) < 2:
        return None
    for sentence in spans:
        names = set(_names(page.people.between(sentence.start, sentence.end)))
        if set(event.participants) <= names:
            inside = page.places.between(sentence.start, sentence.end)
            place = _place(page.masked, inside, sentence.end, "meeting")
            if place:
                return place
    return None


def _reported_from(masked: str, places: list[Match]) -> str | None:
    """The city a correspondent "reports from"; it is where the main event took place."""
    for place in places:
        if REPORTS_FROM.search(masked[max(0, place.start - 20) : place.start]):
            return place.items[0].name
    return None
