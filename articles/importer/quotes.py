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
from articles.importer.text import Sentence, sentence_at

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


def _first_outside(mentions, start, end, quotes) -> PersonMention | None:
    for mention in mentions:
        if start <= mention.start < end and not any(
            quote.start <= mention.start < quote.end for quote in quotes
        ):
            return mention
    return None


def speaker_of(
    text: str, quote: Quoted, quotes, mentions: list[PersonMention], spans: list[Sentence]
) -> str | None:
    """The person who said ``quote``, when the text attributes it to a known or titled one."""
    # A quote may hold several sentences: the attribution follows the one it ends in.
    closing = sentence_at(spans, quote.end - 1)
    after_end = spans[closing].end
    if spans[closing].end <= quote.end and closing + 1 < len(spans):
        after_end = spans[closing + 1].end
    after = text[quote.end : after_end]
    verb = SPEECH_VERB.search(after)
    if verb and not PRONOUN.match(after):
        speaker = _first_outside(mentions, quote.end, quote.end + verb.start(), quotes)
        speaker = speaker or _first_outside(mentions, quote.end + verb.end(), after_end, quotes)
        if speaker:
            return speaker.name
    opening = sentence_at(spans, quote.start)
    sentence_start = spans[opening].start
    before = text[sentence_start : quote.start]
    if before.strip() and (SPEECH_VERB.search(before) or before.rstrip().endswith(":")):
        speaker = _first_outside(mentions, sentence_start, quote.start, quotes)
        if speaker:
            return speaker.name
    if verb and PRONOUN.match(after):
        speaker = _first_outside(mentions, sentence_start, quote.start, quotes)
        if speaker is None and opening > 0:
            previous = spans[opening - 1].start
            speaker = _first_outside(mentions, previous, sentence_start, quotes)
        return speaker.name if speaker else None
    return None


def find_quotes(
    text: str, quotes: list[Quoted], mentions: list[PersonMention], spans: list[Sentence]
) -> list[QuoteRecord]:
    """The ``quotes`` found in ``text`` with their speakers (None when the text does not say)."""
    return [
        QuoteRecord(speaker=speaker_of(text, quote, quotes, mentions, spans), text=quote.text)
        for quote in quotes
    ]
