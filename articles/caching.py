"""Figures about the whole archive, cached until the archive changes.

Counting every article or event costs tens of milliseconds at 100,000 articles, and the
home page's counts and coverage are the same for every visitor. They are cached in Django's
cache (local memory by default) under the archive's version, which database triggers raise
on every write to the articles and what they link (migration 0008_archive_version): an
import, ``reextract`` or an admin edit, from any process, is visible on the next request,
at the cost of one one-row query.
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from articles.models import ArchiveVersion

T = TypeVar("T")


def archive_cached(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, or its result cached for the current version of the archive.

    Without a version row (a database flushed by tests) nothing is cached.
    """
    version = ArchiveVersion.objects.values_list("version", flat=True).first()
    if version is None:
        return compute()
    return cache.get_or_set(f"archive:{version}:{name}", compute, timeout=None)
