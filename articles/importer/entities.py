"""Names from the knowledge base found in text: people, places, organizations, countries, sources.

``KnowledgeIndex`` is built once per ``Knowledge``: every alias becomes a sequence of normalised
tokens, indexed by its first token, so a page is matched in one pass over its words with dict
look-ups (longest alias first) instead of one regular expression per name. Russian words are
normalised by cutting a case ending off, so "Назарбаевым" and "Москве" meet "Назарбаев" and
"Москва". Only whole words match: "Li" never matches inside "Lithuania".
"""

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from articles.importer.records import Knowledge, KnownName, KnownPerson, OfficeTerm
from articles.importer.text import TOKEN, Words

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
# Russian case and adjective endings, longest first; a stem keeps at least three letters.
RU_ENDINGS = (
    "иями", "ями", "ами", "ией", "ого", "его", "ому", "ему", "ыми", "ими", "ий", "ый", "ой",
    "ей", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ом", "ем", "ую", "юю",
    "ия", "ии", "ию", "ам", "ям", "ах", "ях", "а", "я", "о", "е", "у", "ю", "ы", "и", "ь", "й",
)  # fmt: skip
MIN_STEM = 3
# What may stand between the words of one name: a space, a hyphen, an apostrophe.
NAME_GAP = re.compile(r"[ \-'’]{1,2}$")
# Between the words of an alias written with a full stop: "St. Petersburg", "Civil.ge".
DOTTED_GAP = re.compile(r"\.? ?$|[ \-'’]{1,2}$")
DOT_BETWEEN_WORDS = re.compile(r"\w\.\s?\w")
DESCRIPTION = re.compile(r"\b(?:president|президент|press service|website|сайт)", re.IGNORECASE)
PLACE_BEFORE = re.compile(r"\b(?:in|at|to|from|в|во|из)\s+$", re.IGNORECASE)

PERSON, PLACE, ORGANIZATION, COUNTRY, SOURCE = (
    "person",
    "place",
    "organization",
    "country",
    "source",
)
HEAD_OF_STATE, HEAD_OF_GOVERNMENT = "head_of_state", "head_of_government"


@functools.lru_cache(maxsize=1 << 16)  # the vocabulary of a corpus repeats; stemming does not
def normalise(token: str) -> str:
    """A token's comparison form: case-folded, and stemmed when it is a Russian word."""
    token = token.casefold()
    if not token.isascii() and CYRILLIC.search(token):
        for ending in RU_ENDINGS:
            if token.endswith(ending) and len(token) - len(ending) >= MIN_STEM:
                return token[: -len(ending)]
    return token


@dataclass(frozen=True)
class Entry:
    """One alias of one known thing."""

    category: str
    item: KnownPerson | KnownName
    kind: str  # the alias kind: name | surname | acronym | adjective | other
    capitalised: bool  # the alias starts with a capital, so the text must too
    exact_case: bool  # acronyms match only as written


@dataclass(frozen=True)
class Match:
    """A run of words in the text that names one or more known things (a shared surname)."""

    start: int
    end: int
    category: str
    entries: tuple[Entry, ...]

    @property
    def items(self) -> list:
        return list(dict.fromkeys(entry.item for entry in self.entries))


@dataclass
class _Alias:
    """The aliases sharing one sequence of normalised words, and the things they name."""

    key: tuple[str, ...]
    raw: tuple[str, ...]  # the words as the first alias writes them
    entries: list[Entry]
    dotted: bool = False  # some alias has a full stop between words: "St. Petersburg", "24.kg"


class AliasIndex:
    """Every alias of some categories of known things, by the first of its normalised words."""

    def __init__(self, categories: list[tuple[str, tuple[KnownPerson | KnownName, ...]]]):
        # first normalised word -> aliases starting with it, longest first
        self._by_first: dict[str, list[_Alias]] = {}
        grouped: dict[tuple[str, ...], _Alias] = {}
        for category, items in categories:
            for item in items:
                for alias, kind in ((item.name, "name"), *item.aliases):
                    raw = tuple(TOKEN.findall(alias))
                    if not raw:
                        continue
                    key = tuple(normalise(token) for token in raw)
                    entry = Entry(
                        category,
                        item,
                        kind,
                        capitalised=alias[:1].isupper(),
                        exact_case=kind == "acronym" or (alias.isupper() and len(alias) > 1),
                    )
                    group = grouped.setdefault(key, _Alias(key, raw, []))
                    group.dotted = group.dotted or bool(DOT_BETWEEN_WORDS.search(alias))
                    if all(existing.item is not item for existing in group.entries):
                        group.entries.append(entry)
        for group in grouped.values():
            self._by_first.setdefault(group.key[0], []).append(group)
        for candidates in self._by_first.values():
            candidates.sort(key=lambda candidate: -len(candidate.key))

    def find(self, words: Words) -> list[Match]:
        """Every known name in the text, in order; the longest alias wins where aliases overlap."""
        text = words.text
        tokens = [
            (start, end, word, lowered if lowered.isascii() else normalise(lowered))
            for start, end, word, lowered in words.items
        ]
        by_first = self._by_first
        found = []
        index = 0
        while index < len(tokens):
            matched = tokens[index][3] in by_first and self._match_at(text, tokens, index)
            if not matched:
                index += 1
                continue
            length, match = matched
            found.append(match)
            index += length
        return found

    def _match_at(self, text, tokens, index) -> tuple[int, Match] | None:
        start = tokens[index][0]
        for alias in self._by_first[tokens[index][3]]:
            key = alias.key
            end_index = index + len(key)
            if end_index > len(tokens):
                continue
            window = tokens[index:end_index]
            if len(key) > 1 and not self._joined(text, window, alias):
                continue
            usable = [entry for entry in alias.entries if _case_fits(entry, window, alias.raw)]
            if usable:
                category = _category(text, start, usable)
                usable = tuple(entry for entry in usable if entry.category == category)
                return len(key), Match(start, window[-1][1], category, usable)
        return None

    @staticmethod
    def _joined(text, window, alias: _Alias) -> bool:
        """The words of ``window`` spell ``alias``: same words, only name-like gaps between."""
        if any(token[3] != part for token, part in zip(window, alias.key, strict=True)):
            return False
        gap_pattern = DOTTED_GAP if alias.dotted else NAME_GAP
        return all(
            gap_pattern.match(text, left[1], right[0])
            for left, right in zip(window, window[1:], strict=False)
        )


def _category(text: str, start: int, entries: list[Entry]) -> str:
    """The category a name shared by several kinds of things has here: a place after "in",
    "to" or "в" ("in Turkmenbashi"), else the first listed (a person: "Turkmenbashi said")."""
    categories = [entry.category for entry in entries]
    if PLACE in categories and PLACE_BEFORE.search(text, max(0, start - 5), start):
        return PLACE
    return categories[0]


class KnowledgeIndex:
    """Look-up structures over one ``Knowledge``; build it once and reuse it for every page.

    Outlets have an index of their own with every alias, for "Source:" lines; in an article's
    text only their names count ("The Astana Times" is not a mention of Astana), not the aliases
    that describe an office ("President of Russia" for Kremlin.ru), which mean the office there.
    """

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self.names = AliasIndex(
            [
                (PERSON, knowledge.people),
                (PLACE, knowledge.places),
                (ORGANIZATION, knowledge.organizations),
                (COUNTRY, knowledge.countries),
                (SOURCE, tuple(_without_descriptions(source) for source in knowledge.sources)),
            ]
        )
        self.sources = AliasIndex([(SOURCE, knowledge.sources)])
        # (country code, role) -> the terms of that office, for "the Russian President" on a day
        self.leaders: dict[tuple[str, str], list[tuple[OfficeTerm, KnownPerson]]] = defaultdict(
            list
        )
        for person in knowledge.people:
            for office in person.offices:
                title = office.title.casefold()
                if office.head_of_state or title == "president":
                    self.leaders[office.country_code, HEAD_OF_STATE].append((office, person))
                if office.head_of_government or title in ("prime minister", "premier"):
                    self.leaders[office.country_code, HEAD_OF_GOVERNMENT].append((office, person))

    def find(self, words: Words) -> list[Match]:
        """Known people, places, organizations and countries in the text, in order."""
        return self.names.find(words)

    def find_sources(self, words: Words) -> list[Match]:
        """Known outlets in the text, in order."""
        return self.sources.find(words)


def _without_descriptions(source: KnownName) -> KnownName:
    names = tuple(alias for alias in source.aliases if not DESCRIPTION.search(alias[0]))
    return KnownName(source.name, names, source.country_code, source.code)


def _case_fits(entry: Entry, window, raw) -> bool:
    if entry.exact_case:
        return all(token[2] == part for token, part in zip(window, raw, strict=True))
    return not entry.capitalised or window[0][2][:1].isupper()


_INDEXES: dict[int, tuple[Knowledge, KnowledgeIndex]] = {}


def index_for(knowledge: Knowledge) -> KnowledgeIndex:
    """The index of ``knowledge``, built on first use and kept while that object is in use.

    Keyed by identity: hashing a large frozen ``Knowledge`` on every page would cost more
    than the look-up saves, and the importer passes the same object for every file.
    """
    cached = _INDEXES.get(id(knowledge))
    if cached is None or cached[0] is not knowledge:
        if len(_INDEXES) >= 8:
            _INDEXES.clear()
        cached = (knowledge, KnowledgeIndex(knowledge))
        _INDEXES[id(knowledge)] = cached
    return cached[1]
