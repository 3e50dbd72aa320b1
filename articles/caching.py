"""Figures about the whole archive, cached until the archive changes.

Counting every article or event costs tens of milliseconds at 100,000 articles, and the
home page's counts and coverage are the same for every visitor. They are cached in Django's
cache (local memory by default) under the archive's version, which database triggers raise
on every change to the articles and what they link (migrations 0008_archive_version and
0010): an import, ``reextract`` or an admin edit, from any process, is visible on the next
request, at the cost of one one-row query.

PostgreSQL raises the version once per transaction, so a transaction that has changed the
archive already holds its new version while it goes on changing it: what it computes there is
never cached, or the figures of a half-done transaction would be kept under its final version.
SQLite raises it on every row changed, so a later change always brings a new version; nothing
the archive serves reads cached figures inside a transaction that writes.

``cached_page`` does the same for whole public pages: they show the archive and nothing of
the visitor, so the same URL gives the same page to everyone until the archive changes.
"""

import functools
import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, CharField, Func, Value
from django.http import HttpRequest, HttpResponse

from articles.models import ArchiveVersion

T = TypeVar("T")
# Larger pages (an article shown with its raw text can be megabytes) are not kept: the cache
# holds thousands of pages per process.
PAGE_CACHE_MAX_BYTES = 256 * 1024


def _changed_in_this_transaction():
    """True where this transaction has raised the version (the triggers' mark, PostgreSQL)."""
    setting = Func(
        Value("articles.archive_changed"),
        Value(True),
        function="current_setting",
        output_field=CharField(),
    )
    return Func(
        setting,
        Value("yes"),
        template="%(expressions)s",
        arg_joiner=" = ",
        output_field=BooleanField(),
    )


def current_version() -> int | None:
    """The archive's version, or None where figures must not be cached: no version row (a
    database flushed by tests), or on PostgreSQL a transaction that has changed the archive."""
    versions = ArchiveVersion.objects.all()
    if connection.vendor != "postgresql":
        return versions.values_list("version", flat=True).first()
    row = (
        versions.annotate(changed=_changed_in_this_transaction())
        .values_list("version", "changed")
        .first()
    )
    if row is None or row[1]:
        return None
    return row[0]


def archive_cached(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, or its result cached for the current version of the archive."""
    version = current_version()
    if version is None:
        return compute()
    return cache.get_or_set(f"archive:{version}:{name}", compute, timeout=None)


def cached_page(view):
    """Serve a successful GET of ``view`` from the cache while the archive is unchanged.

    Keyed on the whole URL (scheme, host, path and query: pages link to themselves) under
    the archive's version. Only plain 200 pages of at most ``PAGE_CACHE_MAX_BYTES`` are
    kept, never a response that sets a cookie or streams; other methods, errors and
    ``PAGE_CACHE=0`` pass straight through.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        version = current_version() if settings.PAGE_CACHE and request.method == "GET" else None
        if version is None:
            return view(request, *args, **kwargs)
        url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        key = f"archive:{version}:page:{url}"
        kept = cache.get(key)
        if kept is not None:
            content, content_type = kept
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if getattr(response, "is_rendered", True) is False:
            response.render()  # a class-based view's TemplateResponse
        keep = response.status_code == 200 and not response.streaming and not response.cookies
        if keep and len(response.content) <= PAGE_CACHE_MAX_BYTES:
            cache.set(key, (response.content, response["Content-Type"]), timeout=None)
        return response

    return wrapper
