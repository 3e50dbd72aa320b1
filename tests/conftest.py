"""Shared fixtures: the seed pages (read from ../shared/seeds, never copied) and users."""

from pathlib import Path

import pytest
from django.core.cache import cache

SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
SCREENSHOTS_DIR = Path(__file__).resolve().parent.parent / "var" / "screenshots"


def pytest_terminal_summary(terminalreporter):
    """Say where the browser tests left their screenshots, so CI logs point at them."""
    if SCREENSHOTS_DIR.is_dir() and any(SCREENSHOTS_DIR.glob("*.png")):
        terminalreporter.write_line(f"browser screenshots: {SCREENSHOTS_DIR}")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords cheaply: the real hasher costs about half a second per password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeds_dir() -> Path:
    """The folder of the two sample pages; tests that need it skip where it is absent."""
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed pages not found at {SEEDS_DIR} (they live beside the repo, in shared/)")
    return SEEDS_DIR


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a staff user with every permission."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-Ed1tor!")
    client.force_login(user)
    return client


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """A transaction around a whole test module, rolled back at its end.

    Module fixtures that build data depend on this, so the data is created once per module;
    each test's own transaction nests inside (as a savepoint) and undoes what the test changes.
    """
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def reseeded_after_flush(django_db_setup, django_db_blocker):
    """Put back what the migrations seeded once the module's transactional tests are done.

    The flush after each such test empties every table: the knowledge base, and the archive's
    version row without which nothing is cached. Tests that run later expect both
    (serialized_rollback would restore them before every test, at seconds each).
    """
    from articles.knowledge import load_knowledge_base, read_knowledge_base
    from articles.models import ArchiveVersion

    yield
    with django_db_blocker.unblock():
        load_knowledge_base(read_knowledge_base())
        ArchiveVersion.objects.get_or_create(defaults={"version": 1})


@pytest.fixture
def as_another_transaction():
    """Read as a later request would, after the data was committed.

    The tests' data is written inside the test's transaction, and on PostgreSQL a
    transaction that changed the archive caches nothing (``articles.caching``); forgetting
    its mark makes the next requests behave as a new transaction's. Call it again after a
    change, as a commit would be followed by a new transaction.
    """
    from django.db import connection

    def forget_the_mark():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('articles.archive_changed', '', true)")

    forget_the_mark()
    return forget_the_mark


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test database brings the archive's
    version back to a number another test may have cached different figures under."""
    cache.clear()
