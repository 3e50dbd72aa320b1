"""Cleaning: split a scraped page into its title, head lines, body paragraphs and dropped noise.

Every line gets a verdict: kept as a paragraph, used as metadata (title, date line, byline,
source line) or dropped, and each dropped line carries the name of the rule that dropped it,
so a surprising result can be explained line by line. The rules look at a line's shape (length,
punctuation, bullets, phone numbers, repetition, position relative to the title), not at the
wording of particular pages; the few phrase rules cover the widgets every news site carries.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from articles.importer import dates

# Interface words of news sites (menus, share and subscribe buttons, error reports, ads).
WIDGET_PHRASES = re.compile(
    r"skip to (?:main )?content|found (?:a|an) (?:bug|typo|error|mistake)|нашли ошибку"
    r"|join (?:us on )?(?:telegram|whatsapp|facebook|vk)|subscribe|подписывайтесь|подписаться"
    r"|(?:share|поделиться)(?: on| в)?\b|tweet\b|read more|читайте также|all rights reserved"
    r"|advertisement|реклама|cookies?\b|back to top|print version|версия для печати"
    r"|^(?:menu|меню|home|главная|search|поиск|login|войти|sign in)$",
    re.IGNORECASE,
)
PHOTO_CREDIT = re.compile(
    r"^(?:photo|фото|image|picture|illustration)(?:\s+(?:courtesy|credit)s?)?\s*(?:of|by|:|©|-)",
    re.IGNORECASE,
)
# "+7(700) 388 81 09", "(7172) 55-12-34", "388 81 09" — not "2018-05-15".
PHONE = re.compile(r"\+\d[\d ()\-]{7,}\d|\(\d{3,5}\)\s?\d[\d \-]{4,}\d|\b\d{3}[ -]\d\d[ -]\d\d\b")
BULLET = re.compile(r"^(?:\d{1,2}[.)]|[-*•·–—►▪])\s+")
SOURCE_LINE = re.compile(r"^(?:source|источник)\s*:\s*(?P<source>.+)$", re.IGNORECASE)
BYLINE = re.compile(
    r"^(?:(?:reporting|writing|editing|text|photo)?\s*by\b|author\s*:|автор\s*:|текст\s*:)",
    re.IGNORECASE,
)
# "Home | Politics | Economy", "News / World / Asia", "Главная » Новости"
MENU_SEPARATOR = re.compile(r"\s+[|/»>·•]\s+")
MAX_MENU_PART_WORDS = 3
SENTENCE_END = re.compile(r"[.!?…»”\"')]$")
WORD = re.compile(r"\w+")
# Lowercase glued to uppercase without a space: "Join TelegramSkip to Content".
GLUED = re.compile(r"(?<=[a-zа-яё])(?=[A-ZА-ЯЁ])")

MAX_TITLE_CHARS = 250
MAX_GLUED_WORDS = 2  # after a date glued to a title: "Politics", "Market News"
GLUED_BY = re.compile(r"\s+(?:by|от)\s*$", re.IGNORECASE)
MIN_TITLE_WORDS = 3
# A kept paragraph has at least this many words, or ends like a sentence.
MIN_PARAGRAPH_WORDS = 6
MAX_FRAGMENT_WORDS = 2  # "Market", "Join Telegram"; a sentence of three words is kept
MAX_REPEATED_CHARS = 60
MAX_AD_WORDS = 12  # a phone number in a longer line is part of the article
MAX_DATE_LINE_WORDS = 10
MAX_BYLINE_WORDS = 16
# What may stand beside a date on a line of its own: a label or a dateline city, separators.
DATE_LABEL = re.compile(
    r"^[\W_]*(?:(?:(?i:published|updated|posted|date|опубликовано|обновлено|дата)"
    r"|[A-ZА-ЯЁ][\w-]+(?: [A-ZА-ЯЁ][\w-]+)?)\b[\W_]*)?$"
)


@dataclass(frozen=True)
class Line:
    """One non-blank line of the page and what cleaning decided about it."""

    number: int
    text: str
    verdict: str  # title | paragraph | date | byline | source | dropped
    rule: str = ""  # for dropped lines: the rule that dropped it


@dataclass
class CleanPage:
    """The page's structure after cleaning."""

    lines: list[Line] = field(default_factory=list)
    title: str = ""
    title_date: dates.FoundDate | None = None  # a date glued to the end of the title line
    source_line: str | None = None

    def with_verdict(self, verdict: str) -> list[Line]:
        return [line for line in self.lines if line.verdict == verdict]

    @property
    def paragraphs(self) -> list[str]:
        return [line.text for line in self.with_verdict("paragraph")]

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def dropped(self) -> list[Line]:
        return self.with_verdict("dropped")

    def before_title(self, line: Line) -> bool:
        title = self.with_verdict("title")
        return bool(title) and line.number < title[0].number


def word_count(text: str) -> int:
    return len(text.split())


def noise_rule(text: str, repeated: bool) -> str:
    """The rule that makes ``text`` boilerplate wherever it stands, or "" if none does."""
    words = word_count(text)
    if not WORD.search(text):
        return "no_words"
    if PHOTO_CREDIT.match(text):
        return "photo_credit"
    if words <= MAX_AD_WORDS and PHONE.search(text):
        return "phone_number"
    short = words <= 8 and not text.endswith(".")
    if short and all(WIDGET_PHRASES.search(part) for part in GLUED.split(BULLET.sub("", text))):
        return "site_widget"
    if BULLET.match(text) and words <= 6 and not SENTENCE_END.search(text):
        return "menu_item"
    parts = MENU_SEPARATOR.split(text)
    if len(parts) >= 3 and all(word_count(part) <= MAX_MENU_PART_WORDS for part in parts):
        return "menu_bar"
    if repeated and len(text) <= MAX_REPEATED_CHARS:
        return "repeated_line"
    return ""


def is_date_line(text: str) -> bool:
    """True when the line is a date (with an optional weekday, time or label) and nothing else."""
    if word_count(text) > MAX_DATE_LINE_WORDS:
        return False
    found = dates.find_dates(text)
    return bool(found) and bool(DATE_LABEL.match(text[: found[0].start] + text[found[-1].end :]))


def looks_like_title(text: str) -> bool:
    return (
        word_count(text) >= MIN_TITLE_WORDS
        and len(text) <= MAX_TITLE_CHARS
        and not text.endswith((".", ":", ";", ","))
    )


def looks_like_paragraph(text: str) -> bool:
    words = word_count(text)
    return words >= MIN_PARAGRAPH_WORDS or (
        words > MAX_FRAGMENT_WORDS and bool(SENTENCE_END.search(text))
    )


def split_title_date(text: str) -> tuple[str, dates.FoundDate | None]:
    """The title without a date glued to its end, and that date.

    What the scraper glued on may go beyond the date: a "by" before it, a category word after
    it ("… in Bukhara by April 13, 1997 Politics").
    """
    found = dates.find_dates(text)
    if not found:
        return text, None
    tail = text[found[-1].end :]
    if word_count(tail) <= MAX_GLUED_WORDS and not SENTENCE_END.search(tail):
        head = GLUED_BY.sub("", text[: found[-1].start]).rstrip(" ,|–—-")
        if word_count(head) >= MIN_TITLE_WORDS:
            return head, found[-1]
    return text, None


def clean_page(text: str) -> CleanPage:
    """Classify every non-blank line of ``text``: title, paragraph, metadata or dropped noise."""
    raw = [(number, line.strip()) for number, line in enumerate(text.split("\n"))]
    raw = [(number, line) for number, line in raw if line]
    counts = Counter(line.casefold() for _, line in raw)
    page = CleanPage()
    title_seen = False
    for number, line in raw:
        verdict, rule = "dropped", noise_rule(line, counts[line.casefold()] > 1)
        source = SOURCE_LINE.match(line)
        if rule:
            pass
        elif source:
            verdict = "source"
            page.source_line = page.source_line or source["source"].strip()
        elif is_date_line(line):
            verdict = "date"
        elif BYLINE.match(line) and word_count(line) <= MAX_BYLINE_WORDS:
            verdict = "byline"
        elif not title_seen:
            title, title_date = split_title_date(line)
            if looks_like_title(title):
                verdict, title_seen = "title", True
                page.title, page.title_date = title, title_date
            else:
                rule = "before_title"
        elif looks_like_paragraph(line):
            verdict = "paragraph"
        else:
            rule = "short_fragment"
        page.lines.append(Line(number, line, verdict, rule))
    if not title_seen:
        _fall_back_to_first_line(page)
    return page


def _fall_back_to_first_line(page: CleanPage) -> None:
    """No line looked like a headline: take the first line that is not plain noise."""
    for index, line in enumerate(page.lines):
        if line.rule in ("before_title", "") and line.verdict in ("dropped", "paragraph"):
            title, page.title_date = split_title_date(line.text)
            page.title = title[:MAX_TITLE_CHARS]
            page.lines[index] = Line(line.number, line.text, "title")
            for later, other in enumerate(page.lines[index + 1 :], start=index + 1):
                if other.rule == "before_title" and looks_like_paragraph(other.text):
                    page.lines[later] = Line(other.number, other.text, "paragraph")
            return
