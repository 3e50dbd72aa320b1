"""Search benchmark: server time of ``/articles/?q=…`` on a PostgreSQL archive of 100,000 articles.

Usage::

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/archive_search_bench \\
        .venv/bin/python benchmarks/search.py [--articles 100000] [--runs 40]

Migrates the database, and when it holds fewer articles than asked, bulk-loads pages from
``articles.corpus`` (the generator behind ``generate_corpus``, deterministic for a seed)
straight into the table: the importer's extraction is not what is measured here. Then it
requests each query through Django's test Client — the whole view: search, count, one page,
snippets, facets, template, no network — and prints p50/p95 in milliseconds of the request
and of the part spent waiting for the database, cold (the cache emptied) and warm (the same
request again); then the same for the search API alone (search, count, first page,
snippets), the part ``articles/search.py`` owns, cold.
"""

import argparse
import datetime
import hashlib
import os
import re
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

QUERIES = [
    {"q": "Nazarbayev Sochi"},
    {"q": "cooperation"},
    {"q": '"Eurasian Economic Union"'},
    {"q": "telephone conversation Lukashenko"},
    {"q": "Tokayev Beijing trade"},
    # A person's name in another alphabet: the query is widened to the canonical names.
    {"q": "Назарбаев"},
    # Date orders skip ranking but must find the first page among every match.
    {"q": "cooperation", "sort": "newest"},
    {"q": "cooperation", "sort": "oldest"},
    {"q": "telephone conversation Lukashenko", "sort": "oldest"},
]


def linked_names() -> dict[str, str]:
    """Each person's, place's and organization's name → all its names, as the importer
    writes them into ``Article.search_names``."""
    from articles.models import Organization, Person, Place

    names = {}
    for model in (Person, Place, Organization):
        for item in model.objects.prefetch_related("aliases"):
            forms = [item.name, getattr(item, "name_ru", "")]
            forms += [alias.name for alias in item.aliases.all()]
            names[item.name] = " ".join(dict.fromkeys(form for form in forms if form))
    return names


def load(count: int, seed: int) -> None:
    """Add generated pages until the archive holds ``count`` articles.

    The title, date, language, source and linked names come from the generator's ground
    truth and the body is the whole page, noise included (a little more text than the
    importer keeps), so what is measured is search, not extraction.
    """
    from articles.corpus import CorpusGenerator, load_knowledge
    from articles.models import Article, Source

    have = Article.objects.count()
    if have >= count:
        return
    print(f"loading {count - have} generated articles …", flush=True)
    generator = CorpusGenerator(load_knowledge(), seed=seed)
    names = linked_names()
    sources = dict(Source.objects.values_list("name", "pk"))
    batch = []
    for number in range(have, count):
        page = generator.page(number)
        record = page.record
        linked = record["people"] + record["places"] + record["organizations"]
        batch.append(
            Article(
                title=record["title"],
                body=page.text,
                raw_text=page.text,
                sha256=hashlib.sha256(page.text.encode()).hexdigest(),
                file_name=page.file_name,
                source_id=sources.get(record["source"]),
                published_date=datetime.date.fromisoformat(record["published"]),
                language=record["language"],
                search_names=" ".join(names.get(name, name) for name in linked),
            )
        )
        if len(batch) == 2_000:
            Article.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Article.objects.bulk_create(batch, ignore_conflicts=True)


class DatabaseTimer:
    """Sums the time spent in the database during a request (an ``execute_wrapper``)."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def measure(runs: int) -> None:
    """Each query twice a round: cold (the cache emptied first, as for a query nobody asked
    since the archive last changed), then warm (the same URL again: its facets, count and
    relevance window are cached, as for the next page or the next reader)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    # What autovacuum does to a table at rest: statistics, the visibility map, and the GIN
    # index's pending list merged (a search scans that list linearly).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE articles_article")
    client = Client()
    timings = {(index, state): [] for index in range(len(QUERIES)) for state in ("cold", "warm")}
    database = {key: [] for key in timings}
    counts = {}
    # Round-robin over the queries, so that a burst of load from elsewhere on the machine
    # spreads over all of them instead of spoiling one.
    for run in range(runs + 3):
        for index, params in enumerate(QUERIES):
            cache.clear()
            for state in ("cold", "warm"):
                timer = DatabaseTimer()
                started = time.perf_counter()
                with connection.execute_wrapper(timer):
                    response = client.get("/articles/", params)
                elapsed = time.perf_counter() - started
                assert response.status_code == 200, response.status_code
                if run >= 3:  # the first rounds warm PostgreSQL's and the OS's caches
                    timings[index, state].append(elapsed * 1000)
                    database[index, state].append(timer.seconds * 1000)
            counts[index] = (
                re.search(r'class="result-count"[^>]*>([^<]*)', response.text).group(1).strip()
            )
    print(f"{'':48} {'cold (nothing cached)':>31}  {'warm (same URL again)':>31}")
    print(
        f"{'query':48} {'p50 ms':>7} {'p95 ms':>7} {'db p50':>7} {'db p95':>7}"
        f"  {'p50 ms':>7} {'p95 ms':>7} {'db p50':>7} {'db p95':>7}  results"
    )
    for index, params in enumerate(QUERIES):
        label = params["q"] + (f" sort={params['sort']}" if "sort" in params else "")
        figures = "  ".join(
            f"{statistics.median(timings[index, state]):7.1f} {p95(timings[index, state]):7.1f}"
            f" {statistics.median(database[index, state]):7.1f}"
            f" {p95(database[index, state]):7.1f}"
            for state in ("cold", "warm")
        )
        print(f"{label:48} {figures}  {counts[index]}")


def measure_search_only(runs: int) -> None:
    """The part ``articles.search`` owns: search, count, the first page, its snippets."""
    from django.core.cache import cache

    from articles import search
    from articles.models import Article

    timings = {index: [] for index in range(len(QUERIES))}
    for run in range(runs + 3):
        for index, params in enumerate(QUERIES):
            cache.clear()
            started = time.perf_counter()
            query = search.parse_query(params["q"])
            articles = Article.objects.all()
            results = articles.search(query, sort=params.get("sort", "relevance"))
            search.count_matches(articles, query)
            page = list(results[:25])
            search.snippets(page, query)
            if run >= 3:
                timings[index].append((time.perf_counter() - started) * 1000)
    print(f"\nsearch only (no page){'':27} {'p50 ms':>7} {'p95 ms':>7}")
    for index, params in enumerate(QUERIES):
        label = params["q"] + (f" sort={params['sort']}" if "sort" in params else "")
        print(f"{label:48} {statistics.median(timings[index]):7.1f} {p95(timings[index]):7.1f}")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database: the target is PostgreSQL's.")
    call_command("migrate", verbosity=0)
    load(args.articles, args.seed)
    measure(args.runs)
    measure_search_only(args.runs)


if __name__ == "__main__":
    main()
