"""Saving: extracted pages into articles and their relations, idempotent by sha256.

Pages are written in batches, one transaction per batch, with bulk inserts for everything a
page brings (articles, mentions, quotes, events, reports), so a batch costs a few dozen
queries however many pages it holds. A transaction is all-or-nothing for every page in it: a
killed run leaves whole batches or nothing. When a batch fails, its pages are written again
one per transaction, so only the page at fault is lost and reported.

Concurrent imports: on PostgreSQL each batch first takes a transaction-scoped advisory lock,
so writers queue (SQLite's immediate transactions do the same), then sees what the others
committed; a unique-sha256 conflict or a deadlock from any other writer is retried.
"""

import datetime
import logging
import time
from dataclasses import dataclass

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from articles.importer import linking
from articles.importer.bulk import insert_rows
from articles.importer.reading import Page
from articles.importer.records import Extraction
from articles.importer.registry import Registry
from articles.models import (
    Article,
    Event,
    EventReport,
    Organization,
    OrganizationMention,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    Quote,
)

logger = logging.getLogger(__name__)

# Bumped when extraction changes in a way that makes stored articles worth re-extracting.
EXTRACTION_VERSION = 1

# Any constant works: it only has to be the same for every importer of this database.
WRITER_LOCK = 7_270_651_823
ATTEMPTS = 5

IMPORTED, UPDATED, UNCHANGED, FAILED = "imported", "updated", "unchanged", "failed"

ARTICLE_FIELDS = [
    "title",
    "body",
    "raw_text",
    "encoding",
    "sha256",
    "file_name",
    "source_path",
    "source_id",
    "published_date",
    "published_time",
    "language",
    "bylines",
    "warnings",
    "search_names",
    "extraction_version",
    "edited",
    "updated_at",
]


@dataclass
class Pending:
    """A page to write; with ``article_id`` it replaces that article's content (re-extraction)."""

    page: Page
    extraction: Extraction
    article_id: int | None = None


@dataclass
class Saved:
    """What became of a page: its status, its article, the file it duplicates, or an error."""

    status: str
    article_id: int | None = None
    duplicate_of: str | None = None
    error: str | None = None


class Saver:
    """Writes batches of pages for one run; keeps the name → id maps between batches."""

    def __init__(self, *, dry_run: bool = False):
        self.dry_run = dry_run
        self.registry = None if dry_run else Registry()
        # Files (resolved paths) this run has saved: the same file given twice in one run is
        # not a new version of itself.
        self.paths_saved: set[str] = set()
        # Dry run: content (sha256 → file name) earlier batches would have stored, so a copy
        # in a later batch is "unchanged" as in a real run, where the database knows it.
        self.shas_saved: dict[str, str] = {}

    def save(self, batch: list[Pending]) -> list[Saved]:
        """Write ``batch``; one ``Saved`` per page, in order. Never raises for a bad page."""
        if self.dry_run:
            outcomes = self._classify(batch)
        else:
            try:
                outcomes = self._write_with_retries(batch)
            except Exception as error:
                if len(batch) == 1:
                    logger.exception("saving %s failed", batch[0].page.name)
                    return [Saved(FAILED, error=f"could not save: {_describe(error)}")]
                # Find the page at fault: one transaction each, so the others still go in.
                return [saved for pending in batch for saved in self.save([pending])]
        self.paths_saved.update(pending.page.source_path for pending in batch)
        if self.dry_run:
            for pending in batch:
                self.shas_saved.setdefault(pending.page.sha256, pending.page.name)
        return outcomes

    def _write_with_retries(self, batch: list[Pending]) -> list[Saved]:
        for attempt in range(1, ATTEMPTS + 1):
            self.registry.begin()
            try:
                with transaction.atomic():
                    return self._write(batch)
            except (IntegrityError, OperationalError) as error:
                self.registry.rollback()
                # Another importer committed the same page (IntegrityError on sha256) or
                # the database broke a lock cycle: the next attempt sees the new state.
                if attempt == ATTEMPTS or not _retryable(error):
                    raise
                time.sleep(0.05 * attempt)
            except BaseException:
                self.registry.rollback()
                raise
        raise AssertionError("unreachable")

    def _classify(self, batch: list[Pending]) -> list[Saved]:
        """What each page would be — imported, updated or unchanged — with one query each
        for the known hashes and paths.

        A page is a new version of a stored article ("updated") only when it comes from the
        same file, by resolved path: another file that merely has the same name (``page.txt``
        in two folders) is another article. Articles imported before paths were stored have
        none, so they are only ever matched by content.
        """
        shas = {p.page.sha256 for p in batch if p.article_id is None}
        paths = {p.page.source_path for p in batch if p.article_id is None} - {""}
        stored_sha = dict(
            Article.objects.filter(sha256__in=shas).values_list("sha256", "file_name")
        )
        stored_path = dict(
            Article.objects.filter(source_path__in=paths)
            .order_by("-pk")
            .values_list("source_path", "pk")
        )
        outcomes, seen_shas, seen_paths = [], dict(self.shas_saved), set(self.paths_saved)
        for pending in batch:
            page = pending.page
            if pending.article_id is not None:
                outcomes.append(Saved(UPDATED, article_id=pending.article_id))
            elif page.sha256 in stored_sha or page.sha256 in seen_shas:
                original = stored_sha.get(page.sha256) or seen_shas[page.sha256]
                duplicate = original if original != page.name else None
                outcomes.append(Saved(UNCHANGED, duplicate_of=duplicate))
            elif page.source_path in stored_path and page.source_path not in seen_paths:
                outcomes.append(Saved(UPDATED, article_id=stored_path[page.source_path]))
            else:
                outcomes.append(Saved(IMPORTED))
            seen_shas.setdefault(page.sha256, page.name)
            seen_paths.add(page.source_path)
        return outcomes

    def _write(self, batch: list[Pending]) -> list[Saved]:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK])
        outcomes = self._classify(batch)
        now = timezone.now()
        written: list[tuple[Article, Pending, dict]] = []
        for pending, saved in zip(batch, outcomes, strict=True):
            if saved.status == UNCHANGED:
                continue
            links = self._resolve(pending.extraction)
            article = self._article(pending, links, now)
            article.pk = saved.article_id
            written.append((article, pending, links))

        updated = [article for article, _, _ in written if article.pk is not None]
        if updated:
            Article.objects.bulk_update(updated, ARTICLE_FIELDS)
            _delete_relations([article.pk for article in updated])
        new = [article for article, _, _ in written if article.pk is None]
        Article.objects.bulk_create(new)
        new_ids = iter(article.pk for article in new)
        for saved in outcomes:
            if saved.status == IMPORTED:
                saved.article_id = next(new_ids)

        self._write_relations(written)
        return outcomes

    def _resolve(self, extraction: Extraction) -> dict:
        """Ids for the names in ``extraction``; journalists are left out of the people.

        Mentions are ``{id: [role, count, position]}``, quotes ``(speaker id, text, position)``.
        """
        registry = self.registry
        authors = {name.casefold() for name in extraction.bylines}
        people: dict[int, list] = {}
        for record in extraction.people:
            if record.name.casefold() in authors:
                continue
            role = "participant" if record.role == "participant" else "mentioned"
            pk = registry.person(record.name, title=record.title)
            _merge_mention(people, pk, role, record)
        places: dict[int, list] = {}
        for record in extraction.places:
            _merge_mention(places, registry.place(record.name), "mentioned", record)
        organizations: dict[int, list] = {}
        for record in extraction.organizations:
            _merge_mention(organizations, registry.organization(record.name), "mentioned", record)
        quotes = [
            (registry.person(quote.speaker) if quote.speaker else None, quote.text, position)
            for position, quote in enumerate(extraction.quotes)
        ]
        return {
            "people": people,
            "places": places,
            "organizations": organizations,
            "quotes": quotes,
            "events": linking.resolve(0, extraction.events, registry),
            "source_id": registry.source(extraction.source) if extraction.source else None,
        }

    def _article(self, pending: Pending, links: dict, now: datetime.datetime) -> Article:
        page, extraction = pending.page, pending.extraction
        names: dict[str, None] = {}  # ordered and without repeats
        event_people = {pk for event in links["events"] for pk in event.participant_ids}
        for model, pks in (
            (Person, [*links["people"], *event_people]),
            (Place, links["places"]),
            (Organization, links["organizations"]),
        ):
            for pk in pks:
                names.update(dict.fromkeys(self.registry.names(model, pk)))
        return Article(
            title=extraction.title[:500],
            body=extraction.body,
            raw_text=page.raw_text,
            encoding=page.encoding,
            sha256=page.sha256,
            file_name=page.name[:500],
            source_path=page.source_path[:1000],
            source_id=links["source_id"],
            published_date=extraction.published,
            published_time=extraction.published_time,
            language=(extraction.language or "")[:8],
            bylines=extraction.bylines,
            warnings=extraction.warnings,
            search_names=" ".join(names),
            extraction_version=EXTRACTION_VERSION,
            # New content or a new extraction replaces whatever an editor corrected.
            edited=False,
            imported_at=now,
            updated_at=now,
        )

    def _write_relations(self, written) -> None:
        mentions = {"people": [], "places": [], "organizations": []}
        quotes, events = [], []
        for article, _, links in written:
            for kind, rows in mentions.items():
                rows.extend((article.pk, pk, *found) for pk, found in links[kind].items())
            quotes.extend((article.pk, *quote) for quote in links["quotes"])
            for event in links["events"]:
                event.article_id = article.pk
                events.append(event)
        columns = ["role", "count", "position"]
        insert_rows(PersonMention, ["article", "person", *columns], mentions["people"])
        insert_rows(PlaceMention, ["article", "place", *columns], mentions["places"])
        insert_rows(
            OrganizationMention, ["article", "organization", *columns], mentions["organizations"]
        )
        insert_rows(Quote, ["article", "speaker", "text", "position"], quotes)
        linking.link_events(events)


def _merge_mention(mentions: dict, pk: int, role: str, record) -> None:
    """Two names of one row (an alias and the full name) make one mention."""
    if pk not in mentions:
        mentions[pk] = [role, record.count, record.position]
        return
    kept = mentions[pk]
    kept[1] += record.count
    kept[2] = min(kept[2], record.position)
    if role == "participant":
        kept[0] = "participant"


def _delete_relations(article_ids: list[int]) -> None:
    """Remove what extraction linked to these articles and events nobody reports any more;
    the other events they reported keep only the participants their other reports name."""
    event_ids = set(
        EventReport.objects.filter(article_id__in=article_ids).values_list("event_id", flat=True)
    )
    for model in (PersonMention, PlaceMention, OrganizationMention, Quote, EventReport):
        model.objects.filter(article_id__in=article_ids).delete()
    if event_ids:
        Event.objects.filter(pk__in=event_ids, reports__isnull=True).delete()
        linking.recompute_participants(event_ids)


def _retryable(error: Exception) -> bool:
    if isinstance(error, IntegrityError):
        return True
    # PostgreSQL: serialization_failure, deadlock_detected; SQLite: "database is locked".
    code = getattr(getattr(error, "__cause__", None), "sqlstate", None)
    return code in {"40001", "40P01"} or "locked" in str(error)


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}".strip().rstrip(":")
