"""The import pipeline: read and extract in a pool of processes, save in this one.

``import_paths`` is what ``import_articles`` runs and ``reextract_articles`` what ``reextract``
runs; both return a result with counts and one record per page, and call ``progress`` with
each record (extraction included) as soon as its page is saved.
"""

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db import connection, reset_queries

from articles.importer.extraction import extract_page
from articles.importer.knowledge_db import load_knowledge
from articles.importer.reading import (
    FileEntry,
    Page,
    ReadError,
    iter_sources,
    normalise_text,
    read_page,
)
from articles.importer.records import Extraction, Knowledge
from articles.importer.saving import FAILED, IMPORTED, UPDATED, Pending, Saver
from articles.models import Article

# Pages per transaction: large enough that a commit's cost is shared, small enough that a
# killed run loses little work and a concurrent importer waits little for the writer lock.
BATCH_SIZE = 100
# Pages per task sent to a worker process, and how many tasks may be waiting or done but
# unsaved, which bounds memory when extraction runs ahead of saving.
CHUNK_SIZE = 16
CHUNKS_IN_FLIGHT_PER_WORKER = 4
# The fewest articles written before the planner's statistics are refreshed (PostgreSQL).
ANALYZE_AFTER = 1_000
# The tables an import fills; search plans its relevance window from their statistics.
ANALYZED_TABLES = (
    "articles_article",
    "articles_personmention",
    "articles_placemention",
    "articles_organizationmention",
    "articles_eventreport",
    "articles_event",
    "articles_event_participants",
)


@dataclass(slots=True)
class FileResult:
    """One page's outcome; ``extraction`` is only kept until ``progress`` has seen it."""

    file: str
    path: str
    status: str  # imported | updated | unchanged | failed
    error: str | None = None
    sha256: str | None = None
    article_id: int | None = None
    duplicate_of: str | None = None  # the stored file with the same content
    extraction: Extraction | None = None


@dataclass
class ImportResult:
    """Counts by status and one record per page, in the order pages were read."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0  # re-extraction: articles an editor corrected, left alone
    files: list[FileResult] = field(default_factory=list)

    @property
    def problems(self) -> list[FileResult]:
        return [record for record in self.files if record.status == FAILED]

    def summary(self) -> str:
        return (
            f"imported {self.imported}, updated {self.updated}, "
            f"unchanged {self.unchanged}, failed {self.failed}"
        )

    def add(self, record: FileResult) -> None:
        setattr(self, record.status, getattr(self, record.status) + 1)
        self.files.append(record)


Progress = Callable[[FileResult], None]


def import_paths(
    paths: Iterable[str | os.PathLike],
    *,
    dry_run: bool = False,
    max_bytes: int | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportResult:
    """Import the ``*.txt`` files under ``paths``; a bad file is recorded and skipped.

    ``dry_run`` reads and extracts and tells what would happen, writing nothing. ``workers``
    processes read and extract (default: one per CPU; 0 or 1: this process only).
    """
    max_bytes = settings.IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    saver = Saver(dry_run=dry_run)
    result = ImportResult()
    batch: list[tuple[FileResult, Pending | None]] = []
    statistics = None if dry_run else PlannerStatistics()

    def flush():
        pending = [item for _, item in batch if item is not None]
        saved = iter(saver.save(pending) if pending else [])
        written = 0
        for record, item in batch:
            if item is not None:
                outcome = next(saved)
                record.status, record.error = outcome.status, outcome.error
                record.article_id, record.duplicate_of = outcome.article_id, outcome.duplicate_of
                written += record.status in (IMPORTED, UPDATED)
            _report(result, record, progress)
        batch.clear()
        _forget_queries()
        if statistics is not None:
            statistics.wrote(written)

    tasks = partial(_read_and_extract, max_bytes=max_bytes)
    knowledge = load_knowledge()
    for entry, page, extraction, error in _run(tasks, iter_sources(paths), workers, knowledge):
        record = FileResult(file=entry.name, path=entry.path, status=FAILED, error=error)
        item = None
        if error is None:
            record.sha256, record.extraction = page.sha256, extraction
            item = Pending(page, extraction)
        batch.append((record, item))
        if len(batch) >= batch_size:
            flush()
    flush()
    if statistics is not None:
        statistics.finish()
    return result


def reextract_articles(
    *,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
    progress: Progress | None = None,
    include_edited: bool = False,
) -> ImportResult:
    """Extract every stored article again from its raw text with the current knowledge base.

    Articles keep their ids; their extracted fields and relations are replaced. Articles an
    editor corrected (``edited``) are skipped and counted in ``skipped``, unless
    ``include_edited``, which replaces the corrections too.
    """
    saver = Saver()
    result = ImportResult()
    statistics = PlannerStatistics()
    knowledge = load_knowledge()
    articles = Article.objects.order_by("pk")
    if not include_edited:
        result.skipped = Article.objects.filter(edited=True).count()
        articles = articles.filter(edited=False)
    last_pk = 0
    while True:
        rows = list(
            articles.filter(pk__gt=last_pk).values_list(
                "pk", "file_name", "sha256", "encoding", "raw_text", "source_path"
            )[:batch_size]
        )
        if not rows:
            statistics.finish()
            return result
        last_pk = rows[-1][0]
        pages = [
            Page(name, sha, encoding, raw, "", path) for _, name, sha, encoding, raw, path in rows
        ]
        extracted = list(_run(partial(_read_and_extract, max_bytes=0), pages, workers, knowledge))
        pending, records = [], []
        for (pk, *_), (page, _, extraction, error) in zip(rows, extracted, strict=True):
            # ``page`` is the task itself: a stored page is never refused by reading.
            record = FileResult(
                file=page.name,
                path="",
                status=FAILED,
                error=error,
                sha256=page.sha256,
                article_id=pk,
                extraction=extraction,
            )
            records.append(record)
            if error is None:
                pending.append(Pending(page, extraction, article_id=pk))
        saved = iter(saver.save(pending))
        _forget_queries()
        for record in records:
            if record.error is None:
                outcome = next(saved)
                record.status, record.error = outcome.status, outcome.error
            _report(result, record, progress)
        statistics.wrote(sum(record.status == UPDATED for record in records))


class PlannerStatistics:
    """Keeps PostgreSQL's planner statistics current while an import writes many articles.

    The planner, and search's relevance window (``search._PostgresBackend.tier_thresholds``),
    read these statistics. Planned from those of an empty or much smaller table, the
    importer's own queries (the events of a batch's days) turn slow as the table grows: a
    100,000-page import into an empty archive fell from 780 to 400 pages a second. And
    without statistics search ranks a common word over every match, which takes seconds.
    Autovacuum would analyze the tables later, or never where it is off. So the tables are
    analyzed whenever the rows written since the last time reach the rows there were then
    (at least ``ANALYZE_AFTER``): about log2(size) times in an import into an empty archive,
    a few hundred milliseconds each, and once at the end of any large import.
    """

    def __init__(self):
        self.rows_at_last = Article.objects.count()
        self.written = 0

    def wrote(self, count: int) -> None:
        """``count`` more articles written; analyze if the tables have grown enough."""
        self.written += count
        if self.written >= max(ANALYZE_AFTER, self.rows_at_last):
            self.analyze()

    def finish(self) -> None:
        """The import is done: analyze if it wrote enough since the last time."""
        if self.written >= ANALYZE_AFTER:
            self.analyze()

    def analyze(self) -> None:
        self.rows_at_last += self.written
        self.written = 0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {', '.join(ANALYZED_TABLES)}")


def _forget_queries() -> None:
    """With DEBUG on, Django keeps the SQL of the last 9,000 queries, page text and all:
    hundreds of megabytes on a long import. (Left alone otherwise, for tests counting queries.)"""
    if settings.DEBUG:
        reset_queries()


def _report(result: ImportResult, record: FileResult, progress: Progress | None) -> None:
    if progress is not None:
        progress(record)
    record.extraction = None  # a long run must not keep every page's extraction
    result.add(record)


# Set in each worker process by the pool's initializer, so the knowledge base is sent once
# per process rather than with every page.
_knowledge: Knowledge | None = None


def _init_worker(knowledge: Knowledge) -> None:
    global _knowledge
    _knowledge = knowledge


def _read_and_extract(item: FileEntry | Page, *, max_bytes: int):
    """Read (a ``FileEntry``) or take (a stored ``Page``) one page and extract it.

    Returns ``(item, page, extraction, error)``; never raises for a bad page.
    """
    try:
        if isinstance(item, Page):
            page = item
            page.text = normalise_text(page.raw_text)
        else:
            page = read_page(item, max_bytes=max_bytes)
    except ReadError as error:
        return item, None, None, str(error)
    try:
        extraction = extract_page(page.text, _knowledge)
    except Exception as error:
        return item, page, None, f"extraction failed: {type(error).__name__}: {error}"
    return item, page, extraction, None


def _run(task, items: Iterable, workers: int | None, knowledge: Knowledge) -> Iterator[tuple]:
    """``task`` over ``items`` in order, in a process pool when ``workers`` > 1."""
    workers = (os.cpu_count() or 1) if workers is None else workers
    if workers <= 1:
        _init_worker(knowledge)
        yield from map(task, items)
        return
    # The pool's feeder thread pulls items as fast as it can; the semaphore holds it back so
    # that at most a few chunks per worker are read but not yet saved.
    slots = threading.Semaphore(CHUNK_SIZE * CHUNKS_IN_FLIGHT_PER_WORKER * workers)
    stop = threading.Event()

    def throttled():
        for item in items:
            while not slots.acquire(timeout=0.1):
                if stop.is_set():
                    return
            yield item

    # fork: workers start at once with the code already imported and never touch the
    # database connection they inherit.
    pool = multiprocessing.get_context("fork").Pool(
        workers, initializer=_init_worker, initargs=(knowledge,)
    )
    try:
        for output in pool.imap(task, throttled(), chunksize=CHUNK_SIZE):
            slots.release()
            yield output
    finally:
        stop.set()
        pool.terminate()
        pool.join()
