"""Dates in English and Russian text: absolute dates, dates without a year, relative expressions.

Candidates are found with the regular expressions below and the common forms are converted
directly (a dict of month names), because parsing every candidate with ``dateparser`` costs about
half a millisecond each; ``dateparser`` handles the long tail the fast path does not know
(abbreviated or misspelt month names, "3 days ago", "2 дня назад"), memoised by candidate text.
"""

import datetime
import functools
import re
from dataclasses import dataclass

import dateparser

from articles.importer.text import Words

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip

EN_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
RU_MONTH = (
    r"(?:январ[ьяе]|феврал[ьяе]|март[аеу]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[аеу]?"
    r"|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
)
ORDINAL_WORD = (
    r"(?:twenty[- ]|thirty[- ])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
    r"|nineteenth|twentieth|thirtieth)"
)


def _day(tag: str) -> str:
    return rf"(?<!\d)(?P<day{tag}>[0-3]?\d)(?:st|nd|rd|th|-?го|-?е)?"


def _month(tag: str) -> str:
    return rf"(?P<month{tag}>{EN_MONTH}|{RU_MONTH})"


def _time(tag: str) -> str:
    """An optional time after a date: ", 20:33", " at 9:05", " в 14:00", "T20:33"."""
    return rf"(?:(?:,?\s*(?:at\s+|в\s+)?|T)(?P<hour{tag}>[0-2]?\d):(?P<minute{tag}>[0-5]\d)(?!\d))?"


YEAR = r"(?P<year>(?:19|20)\d\d)(?:\s*(?:г\.|года|год)(?!\w))?"
WEEKDAY = (
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье),?\s+)?"
)
FULL_DATE = re.compile(
    r"(?<![\d.])(?:"
    rf"(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)){_time('i')}"
    rf"|(?P<dotted>(?P<dd>[0-3]?\d)[./](?P<dm>[01]?\d)[./](?P<dy>(?:19|20)\d\d)){_time('d')}"
    rf"|(?P<named>{WEEKDAY}(?:{_day('')}(?:\s+of)?\s+{_month('')}|{_month('2')}\s+{_day('2')})"
    rf",?\s+{YEAR}){_time('n')}"
    r")(?![\d])",
    re.IGNORECASE,
)
YEAR_HINT = re.compile(r"(?:19|20)\d\d")
DATE_BEFORE_YEAR = 45  # "Wednesday, September 23rd, " is the longest text before a year
DATE_AFTER_YEAR = 16  # " года, в 20:33"
# A month word the fast path does not know, between a day and a year: left to dateparser.
LOOSE_DATE = re.compile(r"\b[0-3]?\d\s+[^\W\d_]{3,10}\.?\s+(?:19|20)\d\d\b")
PARTIAL_DATE = re.compile(
    rf"\b(?:(?P<word>{ORDINAL_WORD})\s+of\s+{_month('')}|{_day('_a')}(?:\s+of)?\s+{_month('_a')}"
    rf"|{_month('_b')}\s+{_day('_b')})(?!\s*,?\s*(?:19|20)\d\d)(?![\d\w])",
    re.IGNORECASE,
)
RELATIVE = re.compile(
    r"\b(?P<rel>today|yesterday|tomorrow|this year|last year|last week|last month|this month"
    r"|сегодня|вчера|завтра|в этом году|в прошлом году|на прошлой неделе|в прошлом месяце"
    r"|(?:\d+|two|three|four|five) days ago|\d+ (?:дн(?:я|ей)|день) назад"
    r"|the day before|on the eve|накануне)\b"
    r"|\b(?:on|в|во) (?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b",
    re.IGNORECASE,
)
# "on Tuesday" in a news report: the last Tuesday up to the day of publication.
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4,
    "субботу": 5, "воскресенье": 6,
}  # fmt: skip
MONTH_WORDS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "январ",
    "феврал", "март", "апрел", "мая", "май", "мае", "июн", "июл", "август", "сентябр", "октябр",
    "ноябр", "декабр",
)  # fmt: skip
RELATIVE_WORDS = (
    "today", "yesterday", "tomorrow", "this", "last", "days", "сегодня", "вчера", "завтра",
    "этом", "прошл", "дн", "день", "day", "eve", "накануне", *WEEKDAYS,
)  # fmt: skip
# How far around a month or relative word its expression may start and end.
PARTIAL_REACH = (30, 30)
RELATIVE_REACH = (8, 26)
THIS_YEAR = re.compile(r"^[\s,]*(?:this year|этого года|текущего года|в этом году)", re.IGNORECASE)
LAST_YEAR = re.compile(r"^[\s,]*(?:last year|прошлого года|в прошлом году)", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date found in text, with where it stands and how precise it is."""

    start: int
    end: int
    date: datetime.date
    time: datetime.time | None = None
    precision: str = "day"  # day | month | year


def month_number(word: str) -> int | None:
    """The month a (possibly inflected or abbreviated) English or Russian month name means."""
    word = word.casefold().rstrip(".")
    if word in MONTHS:
        return MONTHS[word]
    for length in (len(word) - 1, len(word) - 2):
        if length >= 2 and word[:length] in MONTHS and not word.isascii():
            return MONTHS[word[:length]]
    return None


def _make_date(year, month, day) -> datetime.date | None:
    try:
        return datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def _make_time(hour, minute) -> datetime.time | None:
    if hour is None:
        return None
    try:
        return datetime.time(int(hour), int(minute))
    except ValueError:
        return None


def _full_date_matches(text: str):
    """FULL_DATE matches, searched only around four-digit years: scanning every position of a
    long text with the full expression costs ten times more, and every full date has a year."""
    searched_to = 0
    for year in YEAR_HINT.finditer(text):
        if year.start() < searched_to:
            continue
        window_start = max(searched_to, year.start() - DATE_BEFORE_YEAR)
        window_end = min(len(text), year.end() + DATE_AFTER_YEAR)
        match = FULL_DATE.search(text, window_start, window_end)
        while match and match.end() <= year.start():
            match = FULL_DATE.search(text, match.end(), window_end)
        if match:
            # Re-read to the real end: the window may have cut a trailing time.
            match = FULL_DATE.match(text, match.start()) or match
            searched_to = match.end()
            yield match
        else:
            searched_to = year.end()


def find_dates(text: str) -> list[FoundDate]:
    """Every complete date (day, month and year) in ``text``, in order."""
    found = []
    for match in _full_date_matches(text):
        if match["iso"]:
            day = _make_date(match["iy"], match["im"], match["id"])
            time = _make_time(match["houri"], match["minutei"])
        elif match["dotted"]:
            day = _make_date(match["dy"], match["dm"], match["dd"])
            time = _make_time(match["hourd"], match["minuted"])
        else:
            month = month_number(match["month"] or match["month2"])
            day = _make_date(match["year"], month, match["day"] or match["day2"])
            time = _make_time(match["hourn"], match["minuten"])
        if day:
            found.append(FoundDate(match.start(), match.end(), day, time))
    covered = [(date.start, date.end) for date in found]
    searched_to = 0
    for year in YEAR_HINT.finditer(text):
        if any(start <= year.start() < end for start, end in covered):
            continue
        window_start = max(searched_to, year.start() - DATE_BEFORE_YEAR)
        ending_here = [
            match
            for match in LOOSE_DATE.finditer(text, window_start, year.end())
            if match.end() == year.end()
        ]
        loose = ending_here[-1] if ending_here else None
        day = loose and parse_with_dateparser(loose.group(), None)
        if day:
            found.append(FoundDate(loose.start(), loose.end(), day))
            searched_to = loose.end()
    return sorted(found, key=lambda date: date.start)


@functools.lru_cache(maxsize=4096)
def parse_with_dateparser(text: str, base: datetime.date | None) -> datetime.date | None:
    """``dateparser``'s reading of a candidate, relative expressions resolved against ``base``."""
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]}
    if base is not None:
        settings = {"RELATIVE_BASE": datetime.datetime.combine(base, datetime.time(12))}
    parsed = dateparser.parse(text, languages=["en", "ru"], settings=settings)
    return parsed.date() if parsed else None


def year_for(month: int, day: int, base: datetime.date, text_after: str = "") -> int:
    """The year of "<day> <month>" written on ``base``: the latest not after ``base``."""
    if LAST_YEAR.match(text_after):
        return base.year - 1
    if THIS_YEAR.match(text_after):
        return base.year
    candidate = _make_date(base.year, month, day)
    if candidate and candidate > base + datetime.timedelta(days=7):
        return base.year - 1
    return base.year


def _near(pattern: re.Pattern, text: str, anchors: list[int], reach: tuple[int, int]):
    """Matches of ``pattern`` around the ``anchors`` offsets, each once."""
    seen = set()
    for anchor in anchors:
        window_end = min(len(text), anchor + reach[1])
        for match in pattern.finditer(text, max(0, anchor - reach[0]), window_end):
            if match.start() <= anchor < match.end() and match.start() not in seen:
                seen.add(match.start())
                yield match


def find_relative_dates(
    text: str, base: datetime.date, words: Words | None = None
) -> list[FoundDate]:
    """Dates without a year and relative expressions in ``text``, resolved against ``base``.

    ``words``, when given, are the words of ``text`` (or of a text with the same offsets).
    """
    words = words or Words(text)
    found = []
    for match in _near(PARTIAL_DATE, text, words.starting(MONTH_WORDS), PARTIAL_REACH):
        if match["word"]:
            day_text = match["word"].replace("twenty", "").replace("thirty", "").strip(" -")
            tens = 20 if "twenty" in match["word"] else 30 if "thirty" in match["word"] else 0
            day, month = tens + ORDINAL_WORDS[day_text.casefold()], match["month"]
        else:
            day = int(match["day_a"] or match["day_b"])
            month = match["month_a"] or match["month_b"]
        number = month_number(month)
        if number is None:
            continue
        year = year_for(number, day, base, text[match.end() : match.end() + 20])
        date = _make_date(year, number, day)
        if date:
            found.append(FoundDate(match.start(), match.end(), date))
    for match in _near(RELATIVE, text, words.starting(RELATIVE_WORDS), RELATIVE_REACH):
        found.append(_relative(match, base))
    return sorted((date for date in found if date), key=lambda date: date.start)


def _relative(match: re.Match, base: datetime.date) -> FoundDate | None:
    one_day = datetime.timedelta(days=1)
    if match["weekday"]:
        back = (base.weekday() - WEEKDAYS[match["weekday"].casefold()]) % 7
        return FoundDate(match.start(), match.end(), base - back * one_day)
    phrase = match["rel"].casefold()
    fixed = {
        "today": (base, "day"),
        "сегодня": (base, "day"),
        "yesterday": (base - one_day, "day"),
        "вчера": (base - one_day, "day"),
        "the day before": (base - one_day, "day"),
        "on the eve": (base - one_day, "day"),
        "накануне": (base - one_day, "day"),
        "tomorrow": (base + one_day, "day"),
        "завтра": (base + one_day, "day"),
        "this year": (base.replace(month=1, day=1), "year"),
        "в этом году": (base.replace(month=1, day=1), "year"),
        "last year": (datetime.date(base.year - 1, 1, 1), "year"),
        "в прошлом году": (datetime.date(base.year - 1, 1, 1), "year"),
        "this month": (base.replace(day=1), "month"),
        # A week ago is the best single day for "last week"; month precision says "roughly".
        "last week": (base - 7 * one_day, "month"),
        "на прошлой неделе": (base - 7 * one_day, "month"),
        "last month": ((base.replace(day=1) - one_day).replace(day=1), "month"),
        "в прошлом месяце": ((base.replace(day=1) - one_day).replace(day=1), "month"),
    }
    if phrase in fixed:
        date, precision = fixed[phrase]
        return FoundDate(match.start(), match.end(), date, precision=precision)
    date = parse_with_dateparser(phrase, base)
    return FoundDate(match.start(), match.end(), date) if date else None
