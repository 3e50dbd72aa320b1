"""Names from the knowledge base found in text: people, places, organizations, countries, sources.

``KnowledgeIndex`` is built once per ``Knowledge``: every alias becomes a sequence of normalised
tokens, indexed by its first token, so a page is matched in one pass over its words with dict
look-ups (longest alias first) instead of one regular expression per name. Russian words are
normalised by cutting a case ending off, so "Назарбаевым" and "Москве" meet "Назарбаев" and
"Москва". Only whole words match: "Li" never matches inside "Lithuania".
"""

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
NAME_GAP = re.compile(r"^[ \-'’]{1,2}$")

PERSON, PLACE, ORGANIZATION, COUNTRY, SOURCE = (
    "person",
    "place",
    "organization",
    "country",
    "source",
)
HEAD_OF_STATE, HEAD_OF_GOVERNMENT = "head_of_state", "head_of_government"


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


class AliasIndex:
    """Every alias of some categories of known things, by the first of its normalised words."""

    def __init__(self, categories: list[tuple[str, tuple[KnownPerson | KnownName, ...]]]):
        # first normalised token -> [(normalised tokens, raw tokens, entries)], longest first
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], list]]] = {}
        grouped: dict[tuple[str, ...], tuple[tuple[str, ...], list[Entry]]] = {}
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
                    entries = grouped.setdefault(key, (raw, []))[1]
                    if all(existing.item is not item for existing in entries):
                        entries.append(entry)
        for key, (raw, entries) in grouped.items():
            self._by_first.setdefault(key[0], []).append((key, raw, entries))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))

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
        start, _, word, form = tokens[index]
        for key, raw, entries in self._by_first.get(form, ()):
            end_index = index + len(key)
            if end_index > len(tokens):
                continue
            if len(key) == 1:
                window = [tokens[index]]
            else:
                window = tokens[index:end_index]
                if any(token[3] != part for token, part in zip(window, key, strict=True)):
                    continue
            if len(key) > 1 and any(
                not NAME_GAP.match(text[left[1] : right[0]])
                for left, right in zip(window, window[1:], strict=False)
            ):
                continue
            usable = tuple(entry for entry in entries if _case_fits(entry, window, raw))
            if usable:
                category = usable[0].category
                usable = tuple(entry for entry in usable if entry.category == category)
                return len(key), Match(start, window[-1][1], category, usable)
        return None


class KnowledgeIndex:
    """Look-up structures over one ``Knowledge``; build it once and reuse it for every page.

    Outlets have an index of their own: their aliases include phrases such as "President of
    Russia" (Kremlin.ru), which in an article's text mean the office, not the outlet.
    """

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self.names = AliasIndex(
            [
                (PERSON, knowledge.people),
                (PLACE, knowledge.places),
                (ORGANIZATION, knowledge.organizations),
                (COUNTRY, knowledge.countries),
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
