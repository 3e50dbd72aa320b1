"""Quoted speech and who said it.

A quote opens with “ " « or ‘ and closes with the matching mark (scraped pages mix “ with ").
Its speaker comes from the attribution after it (`”, Nazarbayev said.`, `”, the Head of State
noted.`) or before it (`Putin said: "…"`); a pronoun (`he told Putin`) means the subject of the
sentence the quote stands in, else of the previous sentence.
"""

import re
from dataclasses import dataclass

from articles.importer.people import PersonMention
from articles.importer.records import QuoteRecord
from articles.importer.text import ByOffset, Sentence, sentence_at

OPENER = re.compile(r"[“«‘„]|(?<!\w)\"")
# The mark that closes each opening mark; a quote never runs past the end of its paragraph.
CLOSER = {
    "“": re.compile(r"[”\"\n]"),
    '"': re.compile(r"[\"”\n]"),
    "«": re.compile(r"[»\n]"),
    "„": re.compile(r"[“”\n]"),
    "‘": re.compile(r"’(?![^\W\d_])|\n"),  # not the apostrophe of "Putin’s"
}
MIN_QUOTE_WORDS = 4
MIN_SINGLE_QUOTE_WORDS = 8  # ‘…’ doubles as apostrophes, so only long runs count
SPEECH_VERB = re.compile(
    r"\b(?:said|says|noted|notes|stressed|added|told|pointed out|emphasi[sz]ed|underlined"
    r"|stated|declared|remarked|continued|replied|recalled|explained|asked)\b"
    r"|(?<!\w)(?:сказал|отметил|заявил|подчеркнул|добавил|сообщил|указал|пояснил|напомнил)а?(?!\w)",
    re.IGNORECASE,
)
PRONOUN = re.compile(r"^\s*[,—–-]*\s*(?:he|she|он|она)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quoted:
    start: int  # of the opening mark
    end: int  # after the closing mark
    text: str


def find_quoted(text: str) -> list[Quoted]:
    """The quoted passages of ``text`` long enough to be speech."""
    quotes, index = [], 0
    while opener := OPENER.search(text, index):
        mark, start = opener.group(), opener.start()
        closer = CLOSER[mark].search(text, start + 1)
        if closer is None or closer.group() == "\n":
            index = start + 1
            continue
        inner = text[start + 1 : closer.start()].strip()
        needed = MIN_SINGLE_QUOTE_WORDS if mark == "‘" else MIN_QUOTE_WORDS
        if len(inner.split()) >= needed:
            quotes.append(Quoted(start, closer.end(), inner))
        index = closer.end()
    return quotes


def outside_quotes(mentions: list[PersonMention], quotes: list[Quoted]) -> list[PersonMention]:
    """The mentions that are not inside quoted speech."""
    quoted = ByOffset(quotes, lambda quote: quote.start)
    kept = []
    for mention in mentions:
        before = quoted.between(0, mention.start + 1)
        if not (before and mention.start < before[-1].end):
            kept.append(mention)
    return kept


def _first(people: ByOffset, start: int, end: int) -> PersonMention | None:
    found = people.between(start, end)
    return found[0] if found else None


def speaker_of(
    text: str, quote: Quoted, people: ByOffset, spans: list[Sentence], ends: list[int]
) -> str | None:
    """The person who said ``quote``, when the text attributes it to a known or titled one;
    ``people`` are the mentions outside quoted speech, ``ends`` where the ``spans`` end."""
    # A quote may hold several sentences: the attribution follows the one it ends in.
    closing = sentence_at(ends, quote.end - 1)
    after_end = spans[closing].end
    if spans[closing].end <= quote.end and closing + 1 < len(spans):
        after_end = spans[closing + 1].end
    after = text[quote.end : after_end]
    verb = SPEECH_VERB.search(after)
    if verb and not PRONOUN.match(after):
        speaker = _first(people, quote.end, quote.end + verb.start())
        speaker = speaker or _first(people, quote.end + verb.end(), after_end)
        if speaker:
            return speaker.name
    opening = sentence_at(ends, quote.start)
    sentence_start = spans[opening].start
    before = text[sentence_start : quote.start]
    if before.strip() and (SPEECH_VERB.search(before) or before.rstrip().endswith(":")):
        speaker = _first(people, sentence_start, quote.start)
        if speaker:
            return speaker.name
    if verb and PRONOUN.match(after):
        speaker = _first(people, sentence_start, quote.start)
        if speaker is None and opening > 0:
            speaker = _first(people, spans[opening - 1].start, sentence_start)
        return speaker.name if speaker else None
    return None


def find_quotes(
    text: str, quotes: list[Quoted], mentions: list[PersonMention], spans: list[Sentence]
) -> list[QuoteRecord]:
    """The ``quotes`` found in ``text`` with their speakers (None when the text does not say)."""
    people = ByOffset(outside_quotes(mentions, quotes), lambda mention: mention.start)
    ends = [span.end for span in spans]
    return [
        QuoteRecord(speaker=speaker_of(text, quote, people, spans, ends), text=quote.text)
        for quote in quotes
    ]
