"""Words and sentences of a document, computed once and shared by the extractors.

Scanning a whole page with a case-insensitive expression of many alternatives costs about a
millisecond; most extractors therefore look up the words their expressions can start with
(``Words.starting``) and run the expression only there.
"""

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

TOKEN = re.compile(r"\w+")
MAX_PHRASE = 80  # characters: the longest phrase ``Words.matches_around`` looks for
SENTENCE_END = re.compile(r"[.!?…][\"”»’)]*\s+(?=[A-ZА-ЯЁ\"“«])")
T = TypeVar("T")
# A full stop after these is not a sentence's end: initials ("V. Putin"), titles, "г." (year).
ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[A-ZА-ЯЁ]|Mr|Mrs|Ms|Dr|St|Jr|vs|т|г)$")


class Words:
    """The words of a text with their offsets, indexed by their first two lowercase letters."""

    def __init__(self, text: str):
        self.text = text
        # (start, end, word, the word case-folded)
        self.items = []
        self._by_prefix: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for match in TOKEN.finditer(text):
            word = match.group()
            lowered = word.casefold()
            start = match.start()
            self.items.append((start, match.end(), word, lowered))
            self._by_prefix[lowered[:2]].append((start, lowered))

    def starting(self, prefixes: tuple[str, ...]) -> list[int]:
        """Offsets of the words that begin with one of ``prefixes`` (lowercase, 2+ letters)."""
        found = set()
        for prefix in prefixes:
            for start, lowered in self._by_prefix.get(prefix[:2], ()):
                if lowered.startswith(prefix):
                    found.add(start)
        return sorted(found)

    def matches(
        self, pattern: re.Pattern, prefixes: tuple[str, ...], text: str | None = None
    ) -> Iterator[re.Match]:
        """Non-overlapping matches of ``pattern`` that start at a word with one of ``prefixes``,
        in this text or in ``text``, a copy of it with some spans blanked."""
        reached = 0
        for start in self.starting(prefixes):
            if start < reached:
                continue
            match = pattern.match(self.text if text is None else text, start)
            if match:
                reached = match.end()
                yield match

    def matches_around(
        self, pattern: re.Pattern, prefixes: tuple[str, ...], reach: int, text: str | None = None
    ) -> Iterator[re.Match]:
        """Matches of ``pattern`` that hold a word with one of ``prefixes`` and start at most
        ``reach`` characters before it: for expressions whose first word is too common to
        look up ("at the end of", "в ходе")."""
        text = self.text if text is None else text
        reached = 0
        for start in self.starting(prefixes):
            if start < reached:
                continue
            window = (max(reached, start - reach), start + MAX_PHRASE)
            for match in pattern.finditer(text, *window):
                if match.start() > start:
                    break
                if match.end() > start:
                    reached = match.end()
                    yield match
                    break


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def sentences(text: str) -> list[Sentence]:
    """Sentence spans of ``text``; paragraphs are separated by blank lines."""
    spans = []
    offset = 0
    for number, paragraph in enumerate(text.split("\n\n")):
        start = 0
        for match in SENTENCE_END.finditer(paragraph):
            if ABBREVIATION.search(paragraph[max(0, match.start() - 4) : match.start()]):
                continue
            spans.append(Sentence(offset + start, offset + match.end(), number))
            start = match.end()
        spans.append(Sentence(offset + start, offset + len(paragraph), number))
        offset += len(paragraph) + 2
    return spans


class ByOffset(Generic[T]):
    """Items kept in order of their offsets, to take those in a range without a full scan."""

    def __init__(self, items: list[T], offset: Callable[[T], int]):
        self.items = sorted(items, key=offset)
        self.offsets = [offset(item) for item in self.items]

    def between(self, start: int, end: int) -> list[T]:
        """The items whose offset is at least ``start`` and below ``end``."""
        return self.items[
            bisect.bisect_left(self.offsets, start) : bisect.bisect_left(self.offsets, end)
        ]


def sentence_at(ends: list[int], position: int) -> int:
    """The index of the sentence holding ``position``, given where the sentences end."""
    return min(bisect.bisect_right(ends, position), len(ends) - 1)
