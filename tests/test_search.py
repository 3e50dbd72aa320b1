"""Full-text search: the same behaviour on PostgreSQL and SQLite (CI runs this on both)."""

import datetime
import re

import pytest
from django.db import connection, transaction

from articles import search
from articles.models import Article, Person, PersonAlias, PersonMention


def postgresql_only(why: str):
    return pytest.mark.skipif(connection.vendor != "postgresql", reason=f"PostgreSQL only: {why}")


HOSTILE_QUERIES = [
    '"',
    '"""',
    "'",
    "title:putin",
    "&|!():*<>",
    "putin & !(meeting | talks):*",
    "\\",
    "\\\\'\\\"",
    "put\x00in",
    "\x00",
    "x" * 10_000,
    ("putin " * 2_000),
    "-",
    "- -- ---",
    "or",
    "OR or",
    "putin or",
    "or putin",
    "!!! ??? ...",
    "NEAR(putin talks)",
    "putin NOT talks",
    "-putin",
    '-"',
    "*",
    "^putin",
    "\u202eputin",
    "\x02mark\x03",
    "<script>alert(1)</script>",
]

DAY = datetime.date(2014, 12, 23)
_counter = iter(range(1_000_000))


def make_article(title: str, body: str, *, names: str = "", date=DAY) -> Article:
    number = next(_counter)
    return Article.objects.create(
        title=title,
        body=body,
        raw_text=f"{title}\n{body}",
        sha256=f"{number:064x}",
        file_name=f"{number}.txt",
        search_names=names,
        published_date=date,
    )


def person(name: str, *aliases: str) -> Person:
    found, _ = Person.objects.get_or_create(name=name)
    for alias in aliases:
        PersonAlias.objects.get_or_create(person=found, name=alias)
    return found


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """One set of articles for the whole module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        nazarbayev = person("Nursultan Nazarbayev", "Nazarbayev", "Nazarbaev", "Назарбаев")
        person("Alexander Lukashenko", "Lukashenko", "Лукашенко")
        articles = {
            "eaeu": make_article(
                "Leaders sign the Eurasian Economic Union treaty",
                "The presidents met in Astana to sign the treaty.",
                date=datetime.date(2014, 5, 29),
            ),
            "scattered": make_article(
                "Economic talks in Minsk",
                "A union of states was discussed; Eurasian integration goes on.",
                date=datetime.date(2014, 6, 1),
            ),
            "meeting": make_article(
                "A meeting in Sochi",
                "Putin and Lukashenko held a meeting on gas prices.",
                date=datetime.date(2015, 2, 1),
            ),
            "russian": make_article(
                "Встреча в Кремле",
                "Президент Путин провёл переговоры с коллегами.",
                date=datetime.date(2015, 3, 1),
            ),
            "tokayev": make_article(
                "Tokayev visits Beijing",
                "Trade and transit were discussed at the summit.",
                date=datetime.date(2020, 9, 1),
            ),
            "pipeline_title": make_article(
                "Pipeline agreement signed",
                "The sides agreed on tariffs.",
                date=datetime.date(2014, 1, 10),
            ),
            "pipeline_body": make_article(
                "Gas deal",
                "A long text about a pipeline and other things.",
                date=datetime.date(2014, 11, 10),
            ),
            "names": make_article(
                "Talks in Tashkent",
                "The presidents discussed water.",
                names="Shavkat Mirziyoyev Tashkent",
                date=datetime.date(2014, 2, 1),
            ),
            "names_body": make_article(
                "Regional talks",
                "The talks touched on Mirziyoyev's reforms.",
                date=datetime.date(2014, 10, 1),
            ),
            "nazarbayev": make_article(
                "Kazakh president receives guests",
                "The head of state discussed the economy with his guests.",
                names="Nursultan Nazarbayev",
                date=datetime.date(2013, 4, 4),
            ),
            "hostile": make_article(
                "<script>alert('title')</script> Summit",
                'Before <img src=x onerror="alert(1)"> the summit & after </p><b>bold</b>.',
                date=datetime.date(2016, 1, 1),
            ),
        }
        PersonMention.objects.create(article=articles["nazarbayev"], person=nazarbayev)
        yield articles
        transaction.set_rollback(True)


def found(query: str, queryset=None) -> list[Article]:
    return list((queryset or Article.objects.all()).search(query))


@pytest.mark.django_db
def test_a_quoted_phrase_matches_only_the_words_together(corpus):
    assert found('"Eurasian Economic Union"') == [corpus["eaeu"]]


@pytest.mark.django_db
def test_a_minus_word_excludes_articles_containing_it(corpus):
    results = found("talks -Minsk")
    assert corpus["names"] in results
    assert corpus["scattered"] not in results


@pytest.mark.django_db
def test_or_finds_either_word(corpus):
    results = found("Tashkent or Beijing")
    assert {corpus["names"], corpus["tokayev"]} <= set(results)


@pytest.mark.django_db
def test_all_words_are_required_without_or(corpus):
    assert found("Tashkent Beijing") == []


@pytest.mark.django_db
def test_english_words_are_stemmed(corpus):
    assert corpus["meeting"] in found("meetings")


@pytest.mark.django_db
def test_russian_words_are_stemmed(corpus):
    assert corpus["russian"] in found("Путина")
    assert corpus["russian"] in found("встречи")


@pytest.mark.django_db
def test_a_title_match_ranks_above_a_body_only_match(corpus):
    # The body-only article is newer, so recency alone would put it first.
    assert found("pipeline") == [corpus["pipeline_title"], corpus["pipeline_body"]]


@pytest.mark.django_db
def test_a_linked_name_ranks_above_a_body_mention(corpus):
    assert found("Mirziyoyev") == [corpus["names"], corpus["names_body"]]


@pytest.mark.django_db
def test_results_carry_a_rank_that_decreases(corpus):
    ranks = [article.search_rank for article in Article.objects.search("talks")]
    assert ranks == sorted(ranks, reverse=True)
    assert ranks[0] > 0


@pytest.mark.django_db
def test_a_russian_alias_finds_an_english_article_on_the_person(corpus):
    assert corpus["nazarbayev"] in found("Назарбаев")


@pytest.mark.django_db
def test_another_transliteration_finds_the_person(corpus):
    assert corpus["nazarbayev"] in found("Nazarbaev")


@pytest.mark.django_db
def test_a_misspelled_name_finds_nothing_but_suggests_the_nearest_person(corpus):
    assert found("Nazarbyev") == []
    assert [p.name for p in search.suggest_people("Nazarbyev")][:1] == ["Nursultan Nazarbayev"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typo", "name"),
    [
        ("Lukashneko", "Alexander Lukashenko"),
        ("Назрбаев", "Nursultan Nazarbayev"),
        ("nursultan nazarbaev", "Nursultan Nazarbayev"),
    ],
)
def test_suggestions_put_the_nearest_name_first(corpus, typo, name):
    assert search.suggest_people(typo)[0].name == name


@pytest.mark.django_db
def test_suggestions_for_nonsense_are_empty(corpus):
    assert search.suggest_people("qqqqxxxx") == []
    assert search.suggest_people("!!!") == []


@pytest.mark.django_db
def test_the_list_page_suggests_names_when_nothing_matches(client, corpus):
    response = client.get("/articles/", {"q": "Lukashenko Nazarbyev"})
    assert response.status_code == 200
    assert "Did you mean" in response.text


@pytest.mark.django_db
def test_search_after_a_filter_keeps_relevance_order(corpus):
    in_2014 = Article.objects.filter(published_date__year=2014)
    assert found("pipeline", in_2014) == [corpus["pipeline_title"], corpus["pipeline_body"]]


@pytest.mark.django_db
def test_a_filter_after_search_keeps_relevance_order(corpus):
    results = list(Article.objects.search("Mirziyoyev").filter(published_date__year=2014))
    assert results == [corpus["names"], corpus["names_body"]]


@pytest.mark.django_db
def test_a_search_works_as_a_subquery(corpus):
    # Facets and filters nest querysets: the search SQL must follow Django's relabelling.
    matches = Article.objects.search("pipeline").values("pk")
    nested = Article.objects.filter(pk__in=matches).exclude(pk=corpus["eaeu"].pk)
    assert set(nested) == {corpus["pipeline_title"], corpus["pipeline_body"]}


@pytest.mark.django_db
def test_ordering_by_date_overrides_relevance(corpus):
    by_date = Article.objects.search("pipeline", sort="newest")
    assert list(by_date) == [corpus["pipeline_body"], corpus["pipeline_title"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sort", "expected"), [("newest", ["pipeline_body", "pipeline_title"]), ("oldest", None)]
)
def test_the_list_page_sorts_by_date_when_asked(client, corpus, sort, expected):
    response = client.get("/articles/", {"q": "pipeline", "sort": sort})
    titles = [article.title for article in response.context["page"]]
    expected = expected or ["pipeline_title", "pipeline_body"]
    assert titles == [corpus[key].title for key in expected]


@pytest.mark.django_db
def test_the_list_page_ranks_by_relevance_by_default(client, corpus):
    response = client.get("/articles/", {"q": "pipeline"})
    assert [a.pk for a in response.context["page"]] == [
        corpus["pipeline_title"].pk,
        corpus["pipeline_body"].pk,
    ]
    assert "<mark>pipeline</mark>" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_the_list_page_says_more_than_the_window_without_counting_every_match(
    client, corpus, monkeypatch, sort
):
    monkeypatch.setattr(search, "RESULT_WINDOW", 1)
    response = client.get("/articles/", {"q": "talks", "sort": sort})
    assert "More than 1 articles" in response.text
    assert response.context["page"].paginator.count == 2


@pytest.mark.django_db
def test_an_unknown_sort_is_a_bad_request(client, corpus):
    assert client.get("/articles/", {"q": "talks", "sort": "loudest"}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "   ", "!!!", "-", "-talks", '""'])
def test_a_query_with_nothing_to_look_for_matches_nothing(corpus, query):
    assert found(query) == []


@postgresql_only("FTS5 has no stop words")
@pytest.mark.django_db
def test_a_query_of_stop_words_matches_nothing(corpus):
    assert found("the and of") == []


@postgresql_only("SQLite ranks every match, without a window")
@pytest.mark.django_db
def test_the_window_looked_for_in_tiers_of_recency_holds_the_newest_matches(corpus, monkeypatch):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    whole = list(Article.objects.search("talks"))
    monkeypatch.setattr(search, "RECENT_TIERS", (1, 2, 3))
    monkeypatch.setattr(search, "RESULT_WINDOW", 1)
    assert len(search._PostgresBackend(connection.alias).tier_thresholds()) == 3
    split = list(Article.objects.search("talks"))
    # The window holds the two newest matches (RESULT_WINDOW + 1), in relevance order.
    newest = sorted(whole, key=lambda article: article.published_date, reverse=True)[:2]
    assert len(whole) > 2
    assert split == [article for article in whole if article in newest]


@pytest.mark.django_db
def test_counting_stops_at_the_limit(corpus):
    assert search.count_matches(Article.objects.all(), "talks", limit=1) == (1, False)
    assert search.count_matches(Article.objects.all(), "pipeline", limit=10) == (2, True)


@pytest.mark.django_db
def test_counting_respects_earlier_filters(corpus):
    in_2015 = Article.objects.filter(published_date__year=2015)
    assert search.count_matches(in_2015, "pipeline") == (0, True)
    assert search.count_matches(in_2015, "!!!") == (0, True)
    assert search.count_matches(in_2015) == (2, True)


@pytest.mark.django_db
def test_snippets_mark_the_matched_words(corpus):
    article = corpus["meeting"]
    passage = search.snippets([article], "meetings")[article.pk]
    assert "<mark>meeting</mark>" in passage


@pytest.mark.django_db
def test_snippets_escape_a_hostile_article_and_add_only_marks(corpus):
    article = corpus["hostile"]
    passage = search.snippets(Article.objects.filter(pk=article.pk), "summit")[article.pk]
    # SQLite shows the tag as text; PostgreSQL's ts_headline drops tag-like text altogether.
    assert "&lt;img" in passage or "img" not in passage
    assert "&amp; after" in passage
    assert "<mark>summit</mark>" in passage
    assert set(re.findall(r"<[^>]*>", passage)) == {"<mark>", "</mark>"}


@pytest.mark.django_db
def test_the_list_page_shows_a_hostile_article_escaped(client, corpus):
    response = client.get("/articles/", {"q": "summit"})
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "<img src" not in response.text
    assert "&lt;script&gt;" in response.text


@pytest.mark.django_db
def test_an_article_found_without_a_body_match_gets_its_opening_words(corpus):
    article = corpus["names"]
    assert search.snippets([article], "Mirziyoyev")[article.pk] == article.body


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_never_raise(corpus, query):
    results = list(Article.objects.search(query)[:25])
    search.snippets(results, query)
    search.count_matches(Article.objects.all(), query)
    search.highlight_text(corpus["hostile"].body, query)
    search.suggest_people(query)


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_never_break_the_list_page(client, corpus, query):
    assert client.get("/articles/", {"q": query}).status_code in {200, 400}


@pytest.mark.django_db
def test_an_overlong_query_is_a_bad_request(client, corpus):
    response = client.get("/articles/", {"q": "x" * 10_000})
    assert response.status_code == 400
    assert "at most 500 characters" in response.text


@pytest.mark.django_db
def test_a_query_with_a_nul_byte_is_a_bad_request(client, corpus):
    assert client.get("/articles/", {"q": "Putin\x00"}).status_code == 400


@pytest.mark.django_db
def test_an_edited_article_is_found_by_its_new_text(corpus):
    article = make_article("Plain title", "Nothing special.")
    Article.objects.filter(pk=article.pk).update(body="A word like zanzibarian appears.")
    assert found("zanzibarian") == [article]
    article.delete()
    assert found("zanzibarian") == []


@pytest.mark.django_db
def test_the_search_structures_survive_every_migration():
    # Django rebuilds a SQLite table to alter it, and the triggers on the old table go with
    # it: a later migration touching Article must recreate them (see migration 0004_search).
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            triggers = {row[0] for row in cursor.fetchall()}
            assert {
                "articles_article_fts_insert",
                "articles_article_fts_delete",
                "articles_article_fts_update",
            } <= triggers
        else:
            columns = connection.introspection.get_table_description(cursor, "articles_article")
            assert "search_vector" in {column.name for column in columns}


def test_a_decomposed_letter_does_not_split_a_word():
    assert search.parse_query("Токаи\u0306").words == ["Токай"]


def test_highlight_text_escapes_and_marks_inflections():
    text = '<b>Meetings</b> of Путина & "guests"'
    assert search.highlight_text(text, "meeting Путин") == (
        "&lt;b&gt;<mark>Meetings</mark>&lt;/b&gt; of <mark>Путина</mark> &amp; &quot;guests&quot;"
    )


def test_highlight_text_marks_whole_english_words_only():
    assert search.highlight_text("Putin puts it", "put") == "Putin <mark>puts</mark> it"
    assert search.highlight_text("a b", "a") == "<mark>a</mark> b"


def test_highlight_text_leaves_excluded_words_unmarked():
    assert search.highlight_text("talks in Minsk", "talks -Minsk") == (
        "<mark>talks</mark> in Minsk"
    )


def test_the_parser_reads_phrases_exclusions_and_or():
    parsed = search.parse_query('"Eurasian Economic Union" -Putin Tokayev or Lukashenko')
    assert parsed.groups == (
        (search.Term(("Eurasian", "Economic", "Union")),),
        (search.Term(("Tokayev",)), search.Term(("Lukashenko",), either=True)),
    )
    assert parsed.excluded == (search.Term(("Putin",), negated=True),)
