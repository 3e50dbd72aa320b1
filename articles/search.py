"""Full-text search: the one module that knows the database vendor.

PostgreSQL searches the stored, weighted ``search_vector`` column (title A, linked names B,
body C; created by migration 0004_search) with ``websearch_to_tsquery('russian', …)`` and ranks with
``ts_rank``; SQLite searches an FTS5 table kept in step by triggers and ranks with ``bm25``.
Both accept the same web-search syntax: words, ``"quoted phrases"``, ``-exclusion`` and
``or``. Any text is safe to pass in: control characters are dropped, the length is capped and
no user text reaches a query language unquoted.

The rest of the project calls ``Article.objects.search(q)`` and the functions below:

- ``search_articles(articles, query, sort="relevance")`` (``Article.objects.search``) →
  ``articles`` narrowed to the matches, annotated with ``search_rank``, ordered by relevance
  then recency, or by date for ``sort="newest"`` / ``"oldest"``.
- ``count_matches(articles, query, limit=RESULT_WINDOW)`` → ``(count, is_exact)``, cheap
  even when a query matches nearly everything.
- ``snippets(articles, query)`` → ``{pk: SafeString}`` highlighted passages for one page.
- ``highlight_text(text, query)`` → the whole text, escaped, with the query's words marked.
- ``suggest_people(query, limit)`` → people whose names resemble a (misspelled) query.
"""

import difflib
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import reduce
from itertools import pairwise

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connections, transaction
from django.db.models import (
    BooleanField,
    DateField,
    Expression,
    F,
    FloatField,
    Func,
    Q,
    Value,
)
from django.db.models.expressions import Col
from django.db.models.functions import Left
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from articles.caching import archive_cached
from articles.models import Article, Person, PersonAlias
from articles.querysets import among_ids

# Longer queries are cut here: nobody types more, and it bounds the work a request can ask for.
MAX_QUERY_LENGTH = 500
# Relevance ranks at most this many of the newest matches (see ``_PostgresBackend.ranked``),
# and ``count_matches`` stops here by default: "more than 1000 results".
RESULT_WINDOW = 1000
# The relevance window is looked for among about this many of the newest articles first,
# then this many, …, then among all (see ``_PostgresBackend.ranked``).
RECENT_TIERS = (2_500, 10_000, 40_000)
SORTS = {
    "newest": (F("published_date").desc(nulls_last=True), F("pk").desc()),
    "oldest": (F("published_date").asc(nulls_last=True), F("pk").asc()),
}
# Snippets and highlighting look at no more than this much of a body (ts_headline re-parses it).
SNIPPET_SOURCE_CHARS = 50_000
SNIPPET_FALLBACK_WORDS = 40
# Suggestions: the least trigram word similarity (PostgreSQL) or difflib ratio (SQLite)
# at which a name counts as near a misspelled query.
SUGGEST_MIN = 0.3
SUGGEST_MIN_RATIO = 0.6
# SQLite's bm25 weights per FTS5 column: title, linked names, body.
BM25_WEIGHTS = "10.0, 5.0, 1.0"

# Sentinels marking highlighted words: control characters that are removed from the text
# first, so any left after highlighting are ours and can be turned into markup after escaping.
START, STOP = "\x02", "\x03"
_SENTINELS = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'(-*)"([^"]*)"?|(\S+)')
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Light suffix stripping, longest first. Used where no real stemmer is available: SQLite
# (prefix queries on the stem) and highlighting in Python. It over-matches a little
# (``Путин*`` also finds ``Путинский``), which is the right side to err on in an archive.
_RUSSIAN_ENDINGS = (
    *("ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими"),
    *("ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им"),
    *("ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ую", "юю"),
    *("а", "я", "о", "е", "у", "ю", "ы", "и", "ь", "й"),
)
_ENGLISH_ENDINGS = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")
_MIN_STEM = 3


@dataclass(frozen=True)
class Term:
    """One item of a query: a word, or a phrase of several; ``either`` joins it by ``or``."""

    words: tuple[str, ...]
    negated: bool = False
    either: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """A query as the SQLite backend and the highlighter read it.

    ``groups`` must all match (AND), one term of each group is enough (OR); any ``excluded``
    term rules an article out. Every function here takes one in place of the query text:
    parse once per request and pass it on.
    """

    text: str
    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]
    # What the database said about this query (names, statistics): one page searches the
    # same query several times (the list, each facet, the snippets), so it asks once.
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def words(self) -> list[str]:
        """The words an article must (or may) contain, for highlighting."""
        return [word for group in self.groups for term in group for word in term.words]


def clean_query(query: str) -> str:
    """``query`` in NFC, without control characters (NUL included), whitespace collapsed, capped.

    NFC first: a decomposed ``й`` (``и`` + combining breve) would otherwise split a word.
    """
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", query or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def parse_query(query: "str | ParsedQuery") -> ParsedQuery:
    """Read web-search syntax the way ``websearch_to_tsquery`` does, as far as FTS5 can follow.

    Words are runs of letters and digits; other characters only separate them, so nothing
    the user types can be an operator except quotes, a leading ``-`` and the word ``or``.
    An ``or`` next to an exclusion is dropped (an exclusion always applies). A query parsed
    already is returned as it is.
    """
    if isinstance(query, ParsedQuery):
        return query
    text = clean_query(query)
    terms: list[Term] = []
    either = False
    for dashes, phrase, bare in _TOKEN.findall(text):
        if bare and bare.lower() == "or":
            either = bool(terms) and not terms[-1].negated
            continue
        negated = bool(dashes) or bare.startswith("-")
        words = tuple(_WORD.findall(bare or phrase))
        if not words:
            continue
        terms.append(Term(words=words, negated=negated, either=either and not negated))
        either = False
    groups: list[list[Term]] = []
    for term in terms:
        if term.negated:
            continue
        if term.either and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
    return ParsedQuery(
        text=text,
        groups=tuple(tuple(group) for group in groups),
        excluded=tuple(term for term in terms if term.negated),
    )


def light_stem(word: str) -> str:
    """A conservative stem of ``word`` (lower case) for prefix matching: Russian or English."""
    word = word.lower()
    endings = _RUSSIAN_ENDINGS if _CYRILLIC.search(word) else _ENGLISH_ENDINGS
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


def _mark_sentinels(text: str) -> SafeString:
    """Escape ``text`` and turn each START…STOP pair into ``<mark>…</mark>``.

    Stray sentinels (unpaired) are dropped, so the result is always well-formed.
    """
    escaped = html.escape(text, quote=True)
    marked = _SENTINELS.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(START, "").replace(STOP, ""))  # noqa: S308 (escaped above)


def _strip_sentinels(text: str) -> str:
    return text.replace(START, "").replace(STOP, "")


def _fallback_snippet(body: str) -> SafeString:
    """The start of the body, escaped: for articles with nothing to highlight."""
    text = Truncator(_strip_sentinels(body[:SNIPPET_SOURCE_CHARS])).words(SNIPPET_FALLBACK_WORDS)
    return _mark_sentinels(text)


def _person_names(parsed: ParsedQuery) -> list[str]:
    """The canonical names of the people the whole query names (by any name or alias).

    ``Назарбаев`` or ``Nazarbaev`` gives ``Nursultan Nazarbayev``, ``Нурсултан Назарбаев``,
    ``Nazarbayev``: the search also finds articles that use another spelling or alphabet.
    Only these forms, not every alias: each one ORed into the query adds its frequency to
    the planner's estimate ("Leader of the Nation" made Nazarbayev look like half the
    archive) and a wrong estimate picks a slow plan. Looked up once per parsed query.
    """
    if parsed.excluded or len(parsed.groups) != 1 or len(parsed.groups[0]) != 1:
        return []
    if "names" not in parsed.memo:
        name = " ".join(parsed.groups[0][0].words)
        people = Person.objects.filter(
            Q(name__iexact=name)
            | Q(name_ru__iexact=name)
            | Q(pk__in=PersonAlias.objects.filter(name__iexact=name).values("person"))
        )
        seen = {name.lower()}
        found = []
        for person in people[:5]:
            for candidate in (person.name, person.name_ru, person.surname, person.surname_ru):
                if candidate and candidate.lower() not in seen:
                    seen.add(candidate.lower())
                    found.append(candidate)
        parsed.memo["names"] = found
    return parsed.memo["names"]


class _VectorColumn(Expression):
    """``articles_article.search_vector``: a database-only column (see migration 0004_search).

    Resolves to a real column reference, so Django relabels it correctly when the query
    becomes a subquery (a raw SQL string would silently point at the outer table).
    """

    def resolve_expression(self, query=None, *args, **kwargs):
        field = SearchVectorField()
        field.set_attributes_from_name("search_vector")
        return Col(query.get_initial_alias(), field)


class _PostgresBackend:
    config = "russian"

    def __init__(self, db: str):
        self.db = db

    def tsquery(self, parsed: ParsedQuery) -> SearchQuery:
        query = SearchQuery(parsed.text, search_type="websearch", config=self.config)
        alternatives = [
            SearchQuery(name, search_type="phrase", config=self.config)
            for name in _person_names(parsed)
        ]
        return reduce(lambda left, right: left | right, alternatives, query)

    def matching(self, articles, parsed: ParsedQuery, tsquery=None):
        vector_matches = Func(
            _VectorColumn(),
            tsquery or self.tsquery(parsed),
            arg_joiner=" @@ ",
            template="(%(expressions)s)",
            output_field=BooleanField(),
        )
        return articles.filter(vector_matches)

    def ranked(self, articles, parsed: ParsedQuery):
        """The newest ``RESULT_WINDOW`` + 1 matches, annotated with ``ts_rank``.

        ``ts_rank`` reads a match's whole tsvector: for a word found in 70,000 of 100,000
        articles ranking them all takes over a second, so only a window is ranked; the one
        extra row lets a count of the results say "more than 1000".

        Finding the newest matches is the hard part. Walking the date index costs the rows
        walked until the window fills, which is unbounded when the matches are old (a
        president of the 1990s); sorting every match by date costs every match, which is
        20,000 for a phrase of common words the planner thinks rare. So the window is
        looked for tier by tier, newest articles first (``RECENT_TIERS``), each tier a
        bounded piece of work: ``UNION ALL`` under a ``LIMIT`` starts a tier only when the
        newer ones did not fill the window.
        """
        tsquery = self.tsquery(parsed)
        # A page searches the same articles several times (the list, each facet without a
        # filter that is not set): the window is found once and its ids passed on. The order
        # comes from ranking, not from this list. Keyed on the articles searched, whose SQL
        # is short: compiling the window's tiers only to make a key cost 5 ms a search.
        key = ("window", self.db, str(articles.query))
        if key not in parsed.memo:
            # And it is the same for every page of these results until the archive changes.
            searched = f"{self.db}:{parsed.text}:{_person_names(parsed)}:{key[2]}"
            parsed.memo[key] = archive_cached(
                "window:" + hashlib.sha256(searched.encode()).hexdigest(),
                lambda: self.window_ids(articles, parsed, tsquery),
            )
        in_window = among_ids("pk", parsed.memo[key], using=self.db)
        rank = SearchRank(_VectorColumn(), tsquery)
        return articles.filter(in_window).annotate(search_rank=rank)

    def window_ids(self, articles, parsed: ParsedQuery, tsquery) -> list[int]:
        """The ids of the newest ``RESULT_WINDOW`` + 1 matches, found tier by tier."""
        matching = self.matching(articles, parsed, tsquery).values("pk")
        window = matching.order_by(*SORTS["newest"])[: RESULT_WINDOW + 1]
        if ("tiers", self.db) not in parsed.memo:
            parsed.memo["tiers", self.db] = self.tier_thresholds()
        thresholds = parsed.memo["tiers", self.db]
        if thresholds:
            # The newest tier may walk the date index (a common word fills the window in a
            # few hundred rows); the others are ordered by an expression no index serves, so
            # that a walk through years without a match cannot happen: the GIN and date
            # indexes are combined and only matches inside the tier are read.
            unwalkable = Func(
                F("published_date"), template="(%(expressions)s + 0)", output_field=DateField()
            )
            tiers = []
            for newer, older in pairwise([None, *thresholds, None]):
                if newer is None:
                    tier = matching.filter(published_date__gte=older).order_by(*SORTS["newest"])
                else:
                    if older is None:
                        in_tier = Q(published_date__lt=newer) | Q(published_date__isnull=True)
                    else:
                        in_tier = Q(published_date__lt=newer, published_date__gte=older)
                    tier = matching.filter(in_tier).order_by(
                        unwalkable.desc(nulls_last=True), F("pk").desc()
                    )
                tiers.append(tier[: RESULT_WINDOW + 1])
            window = tiers[0].union(*tiers[1:], all=True)[: RESULT_WINDOW + 1]
        return list(window.values_list("pk", flat=True))

    def tier_thresholds(self) -> list:
        """The dates after which about the newest ``RECENT_TIERS`` articles were published.

        Read from the planner's statistics (the histogram of ``published_date``), not from
        the table: free, and good enough for splitting work. Empty for a small or
        unanalysed table, which is searched in one piece.
        """
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                """
                SELECT s.histogram_bounds::text::date[], c.reltuples
                FROM pg_stats s
                JOIN pg_class c ON c.relname = s.tablename
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = s.schemaname
                WHERE s.schemaname = current_schema() AND s.tablename = 'articles_article'
                AND s.attname = 'published_date'
                """
            )
            row = cursor.fetchone()
        if not row or not row[0]:
            return []
        bounds, articles = row
        last = len(bounds) - 1
        return [
            bounds[int(last * (1 - tier / articles))]
            for tier in RECENT_TIERS
            if tier * 2 <= articles
        ]

    def snippets(self, articles, parsed: ParsedQuery) -> dict[int, SafeString]:
        body = Func(
            Left("body", SNIPPET_SOURCE_CHARS),
            Value(START + STOP),
            Value(""),
            function="translate",
        )
        headline = SearchHeadline(
            body,
            self.tsquery(parsed),
            config=self.config,
            start_sel=START,
            stop_sel=STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        rows = Article.objects.using(self.db).filter(pk__in=[article.pk for article in articles])
        return {
            pk: _mark_sentinels(text)
            for pk, text in rows.annotate(snippet=headline).values_list("pk", "snippet")
        }

    def suggest_people(self, query: str, limit: int):
        """People by trigram word similarity of their names and aliases to ``query``.

        ``%>`` lets the trigram indexes of migration 0004_search find the candidates; its default
        threshold (0.6) misses plain typos ("Lukashneko" scores 0.55), hence ``SET LOCAL``.
        """
        scores: dict[int, float] = {}
        with transaction.atomic(using=self.db):
            with connections[self.db].cursor() as cursor:
                cursor.execute(f"SET LOCAL pg_trgm.word_similarity_threshold = {SUGGEST_MIN}")
            for model, person in ((Person, "pk"), (PersonAlias, "person_id")):
                rows = (
                    model.objects.using(self.db)
                    .filter(name__trigram_word_similar=query)
                    .annotate(similarity=TrigramWordSimilarity(query, "name"))
                    .values_list(person, "similarity")
                )
                for pk, similarity in rows:
                    scores[pk] = max(similarity, scores.get(pk, 0.0))
        people = Person.objects.using(self.db).in_bulk(scores)
        return sorted(people.values(), key=lambda p: (-scores[p.pk], p.name))[:limit]


class _SqliteBackend:
    table = "articles_article_fts"

    def __init__(self, db: str):
        self.db = db

    def match_expression(self, parsed: ParsedQuery) -> str:
        """An FTS5 query for ``parsed``: every word quoted, so no user text is syntax.

        Russian words become prefix queries on a light stem (FTS5 has no Russian stemmer);
        English ones are stemmed by the table's porter tokenizer. FTS5's NOT is binary, so
        the exclusions hang off the required part, which ``search`` guarantees exists.
        """
        required = " AND ".join(
            "(" + " OR ".join(self._phrase(term.words) for term in group) + ")"
            for group in parsed.groups
        )
        alternatives = [self._phrase(tuple(_WORD.findall(name))) for name in _person_names(parsed)]
        if alternatives:
            required = " OR ".join([f"({required})", *alternatives])
        if parsed.excluded:
            excluded = " OR ".join(self._phrase(term.words) for term in parsed.excluded)
            required = f"({required}) NOT ({excluded})"
        return required

    @staticmethod
    def _phrase(words: tuple[str, ...]) -> str:
        parts = []
        for word in words:
            if _CYRILLIC.search(word):
                parts.append(f'"{light_stem(word)}"*')
            else:
                parts.append(f'"{word.lower()}"')
        return " + ".join(parts)

    def matching(self, articles, parsed: ParsedQuery):
        # An INNER JOIN (isnull=False) lets SQLite drive the query from the index.
        return articles.filter(fts__isnull=False).filter(
            _Fts5(self.match_expression(parsed), template="{table} MATCH %s")
        )

    def ranked(self, articles, parsed: ParsedQuery):
        """Every match, ranked by ``bm25`` in the same pass over the index that finds it."""
        rank = _Fts5(template=f"-bm25({{table}}, {BM25_WEIGHTS})", output_field=FloatField())
        return self.matching(articles, parsed).annotate(search_rank=rank)

    def snippets(self, articles, parsed: ParsedQuery) -> dict[int, SafeString]:
        pks = [article.pk for article in articles]
        if not pks:
            return {}
        placeholders = ", ".join(["%s"] * len(pks))
        sql = (
            f"SELECT rowid, snippet({self.table}, 2, %s, %s, '…', 32) FROM {self.table} "
            f"WHERE {self.table} MATCH %s AND rowid IN ({placeholders})"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, [START, STOP, self.match_expression(parsed), *pks])
            return {pk: _mark_sentinels(text) for pk, text in cursor.fetchall()}

    def suggest_people(self, query: str, limit: int):
        """The nearest names by ``difflib`` ratio: fine for a knowledge base of hundreds."""
        wanted = query.lower()
        scores: dict[int, float] = {}
        people = {}
        for person in Person.objects.using(self.db).prefetch_related("aliases"):
            people[person.pk] = person
            names = [person.name, person.name_ru, person.surname, person.surname_ru]
            names += [alias.name for alias in person.aliases.all()]
            for name in filter(None, names):
                ratio = difflib.SequenceMatcher(None, wanted, name.lower()).ratio()
                if ratio >= SUGGEST_MIN_RATIO:
                    scores[person.pk] = max(ratio, scores.get(person.pk, 0.0))
        best = sorted(scores, key=lambda pk: (-scores[pk], people[pk].name))
        return [people[pk] for pk in best[:limit]]


class _Fts5(Expression):
    """SQL about the joined FTS5 table: ``{table}`` in ``template`` becomes its hidden column.

    FTS5's ``MATCH`` and ``bm25()`` take the table's hidden column (named like the table),
    qualified by whatever alias Django gave the join, so the SQL survives relabelling when
    the queryset becomes a subquery. ``match`` is passed as a parameter, never inlined.
    """

    def __init__(self, match: str | None = None, *, template: str, output_field=None):
        super().__init__(output_field=output_field or BooleanField())
        self.match = match
        self.template = template
        self.index = F("fts__article")

    def get_source_expressions(self):
        return [self.index]

    def set_source_expressions(self, exprs):
        (self.index,) = exprs

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(self.index.alias)
        table = f"{alias}.{connection.ops.quote_name(_SqliteBackend.table)}"
        params = [] if self.match is None else [self.match]
        return self.template.format(table=table), params


def _backend(alias: str):
    vendor = connections[alias].vendor
    if vendor == "postgresql":
        return _PostgresBackend(alias)
    if vendor == "sqlite":
        return _SqliteBackend(alias)
    raise NotImplementedError(f"full-text search does not support {vendor}")


def search_articles(articles, query: "str | ParsedQuery", *, sort: str = "relevance"):
    """``articles`` matching ``query``, annotated with ``search_rank`` (higher is better).

    ``sort="relevance"``: title above linked names above body, then newest first. On
    PostgreSQL only the newest ``RESULT_WINDOW`` + 1 matches are ranked and returned (see
    ``_PostgresBackend.ranked``), so filter ``articles`` before searching, not after: a
    filter applied afterwards narrows that window rather than every match.
    ``sort="newest"`` or ``"oldest"``: every match by date, ``search_rank`` is None.
    A query with nothing to look for (blank, punctuation, stop words, only exclusions)
    matches no article.
    """
    if sort != "relevance" and sort not in SORTS:
        raise ValueError(f"sort must be relevance, newest or oldest, not {sort!r}")
    parsed = parse_query(query)
    if not parsed.groups:
        return articles.none().annotate(search_rank=Value(None, output_field=FloatField()))
    backend = _backend(articles.db)
    if sort in SORTS:
        # No rank here: computing it for a page would mean computing it for every match.
        return (
            backend.matching(articles, parsed)
            .annotate(search_rank=Value(None, output_field=FloatField()))
            .order_by(*SORTS[sort])
        )
    return backend.ranked(articles, parsed).order_by(F("search_rank").desc(), *SORTS["newest"])


def count_matches(
    articles, query: "str | ParsedQuery" = "", *, limit: int = RESULT_WINDOW
) -> tuple[int, bool]:
    """How many of ``articles`` match ``query``: ``(count, True)``, or ``(limit, False)``
    when there are more than ``limit`` ("more than 1000 results").

    Pass the queryset given to ``search`` (filters applied, not yet searched): the matches
    are counted unordered and unranked, so the database stops at ``limit`` + 1 instead of
    reading every match of a word found in nearly every article. With no ``query``, counts
    ``articles`` themselves the same way.
    """
    parsed = parse_query(query)
    if parsed.text and not parsed.groups:
        return 0, True
    if parsed.groups:
        articles = _backend(articles.db).matching(articles, parsed)
    found = articles.order_by()[: limit + 1].count()
    return min(found, limit), found <= limit


def snippets(articles, query: "str | ParsedQuery") -> dict[int, SafeString]:
    """An HTML-safe passage of each article's body around the match, terms in ``<mark>``.

    ``articles`` is one page of results (articles or a queryset): highlighting re-reads each
    body, so it is computed for the page shown only. Articles without a highlighted passage
    (they matched on the title or names only) get the start of the body, escaped.
    """
    articles = list(articles)
    parsed = parse_query(query)
    found = {}
    if articles and parsed.groups:
        found = _backend(articles[0]._state.db or "default").snippets(articles, parsed)
    return {
        article.pk: found.get(article.pk) or _fallback_snippet(article.body) for article in articles
    }


def highlight_text(text: str, query: "str | ParsedQuery") -> SafeString:
    """``text`` escaped, with the words of ``query`` (any inflection) in ``<mark>``.

    Pure Python, for an article's full body on its page; the search itself needs no
    database round trip for this.
    """
    text = _strip_sentinels(text)
    stems = {light_stem(word) for word in parse_query(query).words}
    if not stems:
        return _mark_sentinels(text)
    # Russian stems match as prefixes, as in the SQLite search; English ones must be equal,
    # so that "put" does not mark "Putin". A body repeats its words: decide each once.
    russian = tuple(stem for stem in stems if _CYRILLIC.search(stem) and len(stem) >= _MIN_STEM)
    decided: dict[str, bool] = {}
    pieces = []
    position = 0
    for found in _WORD.finditer(text):
        word = found.group().lower()
        if word not in decided:
            stem = light_stem(word)
            decided[word] = stem in stems or stem.startswith(russian)
        if decided[word]:
            pieces.append(text[position : found.start()])
            pieces.append(f"{START}{found.group()}{STOP}")
            position = found.end()
    pieces.append(text[position:])
    return _mark_sentinels("".join(pieces))


def suggest_people(query: str, limit: int = 5) -> list[Person]:
    """People whose name or alias is nearest to ``query``: "did you mean" for misspellings."""
    text = " ".join(_WORD.findall(clean_query(query)))
    if not text:
        return []
    return _backend(Person.objects.db).suggest_people(text, limit)
