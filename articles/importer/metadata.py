"""What a page says about itself: publication date, language, outlet and journalists."""

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from articles.importer import dates
from articles.importer.cleaning import CleanPage
from articles.importer.entities import COUNTRY, KnowledgeIndex, Match
from articles.importer.text import Words

YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# Where a date stands says how likely it is the publication date: on the title line or in a
# byline beside it, yes; alone above the title, it is often the day the page was scraped.
DATE_PLACE_SCORE = {"title": 3, "byline": 3, "date": 2}
BEFORE_TITLE_PENALTY = 2
BYLINE_PART = re.compile(
    r"^(?:(?:additional\s+)?(?:reporting|writing|editing|text|photos?|story)\s+)?by\s+"
    r"|^(?:author|автор|текст|авторы)\s*:\s*",
    re.IGNORECASE,
)
PERSON_NAME = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’-]+\s+){1,3}[A-ZА-ЯЁ][\w'’-]+$")
# An outlet's name as written: "Interfax", "24.kg", "RIA Novosti", "The Astana Times".
OUTLET_NAME = r"[A-Z0-9][\w.-]*(?: [A-Z0-9][\w.-]*){0,2}"
# How articles name their outlet, most telling first; "known only" patterns count only when
# the name is a known outlet ("Trend reports" yes, "Putin reports" no).
OUTLET_PATTERNS = (
    (
        re.compile(
            rf"\b(?:an?|the)\s+({OUTLET_NAME})\s+correspondent"
            rf"|корреспондент\w*\s+({OUTLET_NAME}|[А-ЯЁ][\w.-]+)"
        ),
        False,
    ),
    (
        re.compile(
            rf"\baccording to\s+({OUTLET_NAME})"
            r"|сообщает\s+(?:пресс-служба\s+|агентство\s+)?"
            rf"({OUTLET_NAME}|[А-ЯЁ][\w.-]+)"
        ),
        False,
    ),
    (re.compile(rf"({OUTLET_NAME}) (?:reports|reported|informs|informed)\b"), True),
    (
        re.compile(
            rf"press service of (?:[Tt]he\s+)?({OUTLET_NAME})|\b({OUTLET_NAME}) press service"
            rf"|пресс-служб\w+\s+({OUTLET_NAME}|[А-ЯЁ][\w.-]+)"
        ),
        False,
    ),
)
# "© 2021 Interfax. All rights reserved." in the footer: cleaning drops the line, so it is
# read from the raw lines, and only a known outlet counts.
COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?([^\W\d_][\w.-]*|\d+\.\w+)", re.I
)


@dataclass(frozen=True)
class Published:
    date: datetime.date | None
    time: datetime.time | None
    warning: str = ""


def publication_date(page: CleanPage) -> Published:
    """The page's publication date: the best-placed date in the head.

    A date standing alone above the title is dropped when the body's years are all older than
    the year before it: the page reports events that had happened long before that day, so it
    is the day the page was scraped, not published.
    """
    candidates = []
    if page.title_date:
        candidates.append((DATE_PLACE_SCORE["title"], page.title_date))
    body_years = [int(year) for year in YEAR_IN_TEXT.findall(page.body)]
    for line in page.lines:
        if line.verdict not in ("date", "byline"):
            continue
        for found in dates.find_dates(line.text):
            score = DATE_PLACE_SCORE[line.verdict]
            if page.before_title(line):
                if body_years and max(body_years) < found.date.year - 1:
                    continue
                score -= BEFORE_TITLE_PENALTY
            candidates.append((score, found))
    if not candidates:
        return Published(None, None, "no publication date found")
    best = max(candidates, key=lambda candidate: candidate[0])[1]
    return Published(best.date, best.time)


def language_of(words: Words) -> str:
    """Russian ("ru") when most words are Cyrillic, else English ("en")."""
    cyrillic = sum(1 for *_, lowered in words.items if "а" <= lowered[:1] <= "ё")
    return "ru" if cyrillic * 2 > len(words.items) else "en"


def find_bylines(page: CleanPage) -> list[str]:
    """Journalists' names from the byline lines ("Reporting by X, writing by Y", "Автор: X")."""
    names = []
    for line in page.with_verdict("byline"):
        text = line.text
        for found in reversed(dates.find_dates(text)):
            text = text[: found.start] + text[found.end :]
        for part in re.split(r"[,;]|\s+and\s+|\s+и\s+", text):
            name = BYLINE_PART.sub("", part.strip()).strip(" .")
            if PERSON_NAME.match(name) and name not in names:
                names.append(name)
    return names


@dataclass(frozen=True)
class Outlet:
    name: str | None
    country_code: str = ""
    known: bool = False  # one of the knowledge base's outlets


def find_source(page: CleanPage, text: str, index: KnowledgeIndex) -> Outlet:
    """The outlet: a "Source:" line, else a correspondent, agency or press service the text
    names; known outlets take their canonical name, others stay as written."""
    if page.source_line:
        return _outlet(page.source_line, index)
    for pattern, known_only in OUTLET_PATTERNS:
        for found in pattern.finditer(text):
            written = next(name for name in found.groups() if name)
            outlet = _outlet(written, index)
            if outlet.known or not known_only:
                return outlet
    for line in page.lines:
        found = COPYRIGHT.search(line.text)
        outlet = _outlet(found[1], index) if found else None
        if outlet and outlet.known:
            return outlet
    return Outlet(None)


def _outlet(written: str, index: KnowledgeIndex) -> Outlet:
    written = written.strip().rstrip(".")
    # The outlet starts what was written ("Source: Interfax.ru") or ends it ("in Ufa Kremlin.ru").
    for match in index.find_sources(Words(written)):
        if match.start == 0 or match.end == len(written):
            item = match.items[0]
            return Outlet(item.name, item.country_code, known=True)
    return Outlet(written)


def most_referred_country(matches: list[Match]) -> str | None:
    """The country named most often (by name or adjective), ties to the first named."""
    counts = Counter(match.items[0].code for match in matches if match.category == COUNTRY)
    return counts.most_common(1)[0][0] if counts else None
