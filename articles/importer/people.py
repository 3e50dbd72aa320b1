"""People in an article: known people by any alias or by the office they held on the article's
date, and unknown people the text introduces with a title ("Foreign Minister Ivan Petrov")."""

import bisect
import datetime
import re
from collections import Counter
from dataclasses import dataclass

from articles.importer.entities import COUNTRY, HEAD_OF_GOVERNMENT, HEAD_OF_STATE, PERSON, Match
from articles.importer.records import KnownPerson, OfficeTerm, PersonRecord
from articles.importer.text import Words

OFFICE = re.compile(
    r"\b(?:(?P<state>[Pp]resident|[Hh]ead of [Ss]tate|[Kk]ing|[Ee]mir|[Ss]ultan(?= of))"
    r"|(?P<government>[Pp]rime [Mm]inister|[Pp]remier|[Hh]ead of [Gg]overnment|[Cc]hancellor))\b"
    r"(?![-\w])"
    r"|(?<!\w)(?:(?P<state_ru>[Пп]резидент(?:а|у|ом|е)?|[Гг]лав(?:а|ы|е|у|ой) государства)"
    r"|(?P<government_ru>[Пп]ремьер-министр(?:а|у|ом|е)?|[Пп]ремьер(?:а|у|ом|е)?"
    r"|[Гг]лав(?:а|ы|е|у|ой) правительства))(?!\w)"
)
OFFICE_WORDS = (
    "president", "head", "king", "emir", "sultan", "prime", "premier", "chancellor", "президент",
    "глав", "премьер",
)  # fmt: skip
TITLE_WORDS = (
    "first", "deputy", "vice", "foreign", "defen", "economy", "finance", "trade", "energy",
    "interior", "justice", "agriculture", "education", "health", "minister", "prime", "premier",
    "president", "ambassador", "secretary", "speaker", "mayor", "governor", "chairman", "akim",
    "первый", "вице", "министр", "премьер", "посол", "спикер", "председател", "аким",
)  # fmt: skip
PRESIDENT = re.compile(r"[Pp]resident|[Пп]резидент")
HEAD_OF = re.compile(r"head of|глав", re.IGNORECASE)
OF_THE = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
SPACES = re.compile(r"\s+")
NEXT_WORD = re.compile(r"[ ,]{0,2}")
TWO_NAMES = re.compile(r"(?:[A-Z][a-z]+|[А-ЯЁ][а-яё]+)[ -](?:[A-Z][a-z]+|[А-ЯЁ][а-яё]+)")
INITIAL = re.compile(r"(?<!\w)(?P<initial>[A-ZА-ЯЁ])\.\s?$")
# Titles of people the knowledge base may not hold, then the name they introduce.
TITLE = re.compile(
    r"(?<!\w)(?P<title>(?:(?:First\s+)?(?:Deputy|Vice)[- ])?(?:(?:Foreign|Defen[cs]e|Economy"
    r"|Finance|Trade|Energy|Interior|Justice|Agriculture|Education|Health)\s+)?"
    r"(?:Minister(?:\s+of\s+(?:the\s+)?[A-Z]\w+(?:\s+(?:and\s+)?[A-Z]\w+){0,2})?"
    r"|Prime Minister|Premier|President|Ambassador|Secretary[- ]General|Speaker|Mayor|Governor"
    r"|Chairman|Akim)"
    r"|(?:[Пп]ервый\s+)?(?:[Вв]ице-)?(?:[Мм]инистр|[Пп]ремьер-министр|[Пп]осол|[Сс]пикер"
    r"|[Пп]редседатель|[Аа]ким)(?:\s+[а-яё]+){0,3}?)"
    r" (?!The |This |That )"
    r"(?P<name>(?:[A-Z][a-z]+|[А-ЯЁ][а-яё]+)(?:[ -](?:[A-Z][a-z]+|[А-ЯЁ][а-яё]+)){1,2})\b"
)


@dataclass(frozen=True)
class PersonMention:
    """One place in the text where a person is meant, by name or by office."""

    start: int
    end: int
    name: str
    by_office: bool = False


@dataclass
class PeopleFound:
    records: list[PersonRecord]
    mentions: list[PersonMention]


def _holds_office(person: KnownPerson, day: datetime.date | None) -> bool:
    return day is not None and any(office.held_on(day) for office in person.offices)


def _given_initials(person: KnownPerson) -> set[str]:
    """First letters of the person's given name, in every script the aliases use."""
    full_names = [person.name, *(alias for alias, kind in person.aliases if kind == "name")]
    names = [person.given_name, *(name for name in full_names if " " in name.strip())]
    return {name[:1].upper() for name in names if name}


def office_holder(
    terms: list[tuple[OfficeTerm, KnownPerson]], day: datetime.date | None, title: str = ""
) -> KnownPerson | None:
    """Who held one of ``terms`` (one role's) on ``day``; a term with the ``title`` the text
    uses comes first (Iran's "President" is not its head of state, the Supreme Leader).

    When a term ends on the day the next begins, the newcomer wins: that is the day of the
    inauguration, and the press names the new holder.
    """
    if day is None:
        return None
    holders = [
        (office.title.casefold() == title, office.start, person)
        for office, person in terms
        if office.held_on(day)
    ]
    return max(holders, key=lambda holder: holder[:2])[2] if holders else None


def find_people(
    words: Words,
    matches: list[Match],
    leaders: dict[tuple[str, str], list[tuple[OfficeTerm, KnownPerson]]],
    day: datetime.date | None,
    home_country: str | None,
) -> PeopleFound:
    """People named in the text (``matches`` are its known names), in order of first mention."""
    text = words.text
    mentions = _named(text, [match for match in matches if match.category == PERSON], day)
    name_starts = {mention.start for mention in mentions}
    countries = Countries([match for match in matches if match.category == COUNTRY])
    covered = Covered(matches)
    for office in words.matches(OFFICE, OFFICE_WORDS):
        country, span_start, span_end = _office_country(text, office, countries, home_country)
        if country is None or _next_word_start(text, span_end) in name_starts:
            continue  # "President Vladimir Putin": the name counts, not its title
        role = HEAD_OF_STATE if office["state"] or office["state_ru"] else HEAD_OF_GOVERNMENT
        title = "president" if PRESIDENT.search(office.group()) else ""
        holder = office_holder(leaders.get((country, role), []), day, title)
        if holder is not None and not _introduces_name(text, span_end, covered):
            mentions.append(PersonMention(span_start, span_end, holder.name, by_office=True))
    introduced: dict[str, Introduced] = {}
    for titled in words.matches(TITLE, TITLE_WORDS):
        start = titled.start("name")
        if not (covered(start) or start in name_starts):
            title = _title_with_country(text, titled, countries)
            introduced.setdefault(titled["name"], Introduced(start, title))
    for name, first in introduced.items():
        mentions += _mentions_of_unknown(text, name, first.position)
    mentions.sort(key=lambda mention: mention.start)
    return PeopleFound(_records(mentions, introduced), mentions)


@dataclass(frozen=True)
class Introduced:
    """Where the text introduces someone the knowledge base lacks, and with which title."""

    position: int
    title: str


def _named(text: str, named: list[Match], day: datetime.date | None) -> list[PersonMention]:
    """Mentions of known people by name, shared surnames resolved where the page allows."""
    fully_named = {entry.item for match in named for entry in match.entries if entry.kind == "name"}
    mentions = []
    for match in named:
        person = _choose(text, match, fully_named, day)
        if person is not None:
            mentions.append(PersonMention(match.start, match.end, person.name))
    return mentions


def _mentions_of_unknown(text: str, name: str, position: int) -> list[PersonMention]:
    """The introduction and every later mention, all of which end with the surname."""
    surname = name.split()[-1]
    later = re.compile(rf"(?<!\w){re.escape(surname)}(?!\w)").finditer(text, position)
    return [
        PersonMention(position if number == 0 else found.start(), found.end(), name)
        for number, found in enumerate(later)
    ]


def _records(
    mentions: list[PersonMention], introduced: dict[str, Introduced]
) -> list[PersonRecord]:
    counts = Counter(mention.name for mention in mentions)
    records = {}
    for mention in mentions:
        if mention.name not in records:
            records[mention.name] = PersonRecord(
                name=mention.name,
                count=counts[mention.name],
                position=mention.start,
                known=mention.name not in introduced,
                title=introduced[mention.name].title if mention.name in introduced else "",
            )
    return list(records.values())


def _choose(text, match: Match, fully_named, day) -> KnownPerson | None:
    """The one person a (possibly shared) name means here, or None when it stays ambiguous."""
    people = match.items
    if len(people) == 1:
        return people[0]
    initial = INITIAL.search(text[max(0, match.start - 4) : match.start])
    for keep in (
        lambda person: initial is not None and initial["initial"] in _given_initials(person),
        lambda person: person in fully_named and any(e.kind == "name" for e in match.entries),
        lambda person: person in fully_named,
        lambda person: _holds_office(person, day),
    ):
        chosen = [person for person in people if keep(person)]
        if len(chosen) == 1:
            return chosen[0]
    return None


class Countries:
    """Country names found in a text, looked up by where they end and where they start."""

    def __init__(self, matches: list[Match]):
        self.by_end = {match.end: match for match in matches}
        self.by_start = {match.start: match for match in matches}

    def just_before(self, text: str, position: int) -> Match | None:
        """The country named right before ``position``, with only spaces between."""
        end = position
        while end > 0 and text[end - 1] in " \t":  # not across lines: "Iran\n\nPresident …"
            end -= 1
        return self.by_end.get(end) if end < position else None


class Covered:
    """Whether an offset falls inside one of the (sorted, disjoint) known-name matches."""

    def __init__(self, matches: list[Match]):
        self.starts = [match.start for match in matches]
        self.ends = [match.end for match in matches]

    def __call__(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ends[index]


def _office_country(text, office, countries: Countries, home_country):
    """The country an office phrase names ("Russian President", "President of Russia",
    "Президент России") and the phrase's full span; the home country for a bare "Head of State".
    """
    start, end = office.start(), office.end()
    before = countries.just_before(text, start)
    if before is not None:
        return before.items[0].code, before.start, end
    # English needs "of" ("President of Russia"); Russian puts the country in the genitive.
    joint = (OF_THE if office.group().isascii() else SPACES).match(text, end)
    after = countries.by_start.get(joint.end()) if joint else None
    if after is not None:
        return after.items[0].code, start, after.end
    if HEAD_OF.search(office.group()) and home_country:
        return home_country, start, end
    return None, start, end


def _next_word_start(text: str, end: int) -> int:
    return NEXT_WORD.match(text, end).end()


def _introduces_name(text: str, end: int, covered: Covered) -> bool:
    """The office is followed by a capitalised name the knowledge base does not hold."""
    start = _next_word_start(text, end)
    return not covered(start) and bool(TWO_NAMES.match(text, start))


def _title_with_country(text, titled: re.Match, countries: Countries) -> str:
    """The title as written, with a country adjective standing right before it."""
    before = countries.just_before(text, titled.start())
    return text[before.start : titled.end("title")] if before else titled["title"]
