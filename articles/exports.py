"""CSV and JSON exports of a result set, streamed.

Records follow DESIGN.md's extraction record (``file``, ``sha256``, ``title``, ``published``,
``language``, ``source``, ``bylines``, ``people``, ``places``, ``organizations``, ``events``,
``quotes``) plus ``id`` and ``url``. Rows are read with ``iterator(chunk_size=…)``, which
prefetches the related rows chunk by chunk (Django ≥ 4.1), and written as they come, so an export
of any size holds one chunk in memory. There is deliberately no cap: the result set is the cap.
In CSV, list fields are joined with "; ", ``events`` / ``quotes`` are JSON text, and a cell a
spreadsheet would take for a formula starts with an apostrophe.
"""

import csv
import json
from collections.abc import Iterable, Iterator

from django.http import HttpRequest, StreamingHttpResponse

CHUNK_SIZE = 500
CSV_FIELDS = [
    "id",
    "url",
    "file",
    "sha256",
    "title",
    "published",
    "language",
    "source",
    "bylines",
    "people",
    "places",
    "organizations",
    "events",
    "quotes",
]
LIST_SEPARATOR = "; "
# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection"):
# a stored title like =HYPERLINK(…) would run when a researcher opens the export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_record(article, request: HttpRequest) -> dict:
    """The export record of one article (prefetched with ``for_export()``)."""
    return {
        "id": article.pk,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "file": article.file_name,
        "sha256": article.sha256,
        "title": article.title,
        "published": article.published_date.isoformat() if article.published_date else None,
        "language": article.language,
        "source": article.source.name if article.source else None,
        "bylines": list(article.bylines),
        "people": [mention.person.name for mention in article.people_mentions],
        "places": [place.name for place in article.places.all()],
        "organizations": [organization.name for organization in article.organizations.all()],
        "events": [
            {
                "kind": event.kind,
                "date": event.date.isoformat() if event.date else None,
                "place": event.place.name if event.place else None,
                "participants": [person.name for person in event.participants.all()],
            }
            for event in article.events.all()
        ],
        "quotes": [
            {"speaker": quote.speaker.name if quote.speaker else None, "text": quote.text}
            for quote in article.quotes.all()
        ],
    }


def records(articles, request: HttpRequest) -> Iterator[dict]:
    """Export records of ``articles``, read a chunk at a time."""
    for article in articles.for_export().iterator(chunk_size=CHUNK_SIZE):
        yield export_record(article, request)


class _Echo:
    """A file-like object whose ``write`` hands the line back, for ``csv.writer``."""

    def write(self, value: str) -> str:
        return value


def spreadsheet_safe(value) -> str:
    """The cell text, with a leading apostrophe where a spreadsheet would see a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_lines(rows: Iterable[dict]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_FIELDS)
    for row in rows:
        flat = dict(row)
        for name in ("bylines", "people", "places", "organizations"):
            flat[name] = LIST_SEPARATOR.join(row[name])
        for name in ("events", "quotes"):
            flat[name] = json.dumps(row[name], ensure_ascii=False)
        yield writer.writerow([spreadsheet_safe(flat[name]) for name in CSV_FIELDS])


def json_chunks(rows: Iterable[dict]) -> Iterator[str]:
    """A JSON array, one record per line."""
    yield "["
    separator = "\n"
    for row in rows:
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def csv_response(articles, request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(records(articles, request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="articles.csv"'
    return response


def json_response(articles, request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        json_chunks(records(articles, request)), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="articles.json"'
    return response
