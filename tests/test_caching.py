"""Whole-archive figures are cached until the archive changes, whoever changes it."""

import datetime
import importlib

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles import caching
from articles.caching import archive_cached
from articles.importer import pipeline
from articles.importer.pipeline import import_paths
from articles.models import ArchiveVersion, Article
from tests.factories import make_article, make_event, make_person
from tests.importing import fake_extract, leaders, page_text

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL raises the version per transaction"
)


def home_figures(client) -> tuple[int, list]:
    context = client.get("/").context
    return context["article_count"], context["coverage"]


def test_a_figure_is_computed_once_while_nothing_changes():
    calls = []
    assert archive_cached("answer", lambda: calls.append(1) or 42) == 42
    assert archive_cached("answer", lambda: calls.append(1) or 42) == 42
    assert calls == [1]


def test_an_import_shows_on_the_home_page_at_once(client, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "extract_page", fake_extract)
    leaders()
    make_article(title="Already there", published=datetime.date(2015, 1, 1))
    assert home_figures(client) == (1, [{"year": 2015, "n": 1}])

    (tmp_path / "new.txt").write_text(page_text("Fresh", published="2019-06-01"))
    import_paths([tmp_path], workers=0)

    assert home_figures(client) == (2, [{"year": 2015, "n": 1}, {"year": 2019, "n": 1}])


def test_deleting_an_article_shows_at_once(client):
    make_article(title="Kept", published=datetime.date(2015, 1, 1))
    gone = make_article(title="Deleted", published=datetime.date(2016, 1, 1))
    assert home_figures(client)[0] == 2
    Article.objects.filter(pk=gone.pk).delete()
    assert home_figures(client) == (1, [{"year": 2015, "n": 1}])


def test_an_edit_shows_on_the_home_page_at_once(client):
    article = make_article(title="Report", published=datetime.date(2015, 1, 1))
    assert home_figures(client)[1] == [{"year": 2015, "n": 1}]
    Article.objects.filter(pk=article.pk).update(published_date=datetime.date(2017, 5, 5))
    assert home_figures(client)[1] == [{"year": 2017, "n": 1}]


def test_a_persons_coverage_and_meetings_follow_new_articles(client):
    leader, other = make_person(name="Cached Leader"), make_person(name="Other Leader")
    make_article(title="First", published=datetime.date(2015, 1, 1), participants=[leader])
    page = client.get(leader.get_absolute_url()).context
    assert (page["coverage"], page["met"]) == ([{"year": 2015, "n": 1}], [])

    article = make_article(
        title="Second", published=datetime.date(2016, 1, 1), participants=[leader, other]
    )
    make_event(date=article.published_date, participants=[leader, other], articles=[article])

    page = client.get(leader.get_absolute_url()).context
    assert page["coverage"] == [{"year": 2015, "n": 1}, {"year": 2016, "n": 1}]
    assert [(person.name, person.meetings) for person in page["met"]] == [("Other Leader", 1)]


def versioned_tables() -> set[str]:
    """The tables whose changes raise the archive's version (migrations 0008 and 0012)."""
    names = ["0008_archive_version", "0012_archive_version_on_every_shown_table"]
    return {
        table
        for name in names
        for table in importlib.import_module(f"articles.migrations.{name}").TABLES
    }


@pytest.mark.django_db
def test_every_archive_table_keeps_its_change_trigger_after_all_migrations():
    """A later migration that rebuilds a table on SQLite drops its triggers with it."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgrelid::regclass::text, tgname FROM pg_trigger")
        triggered = {table for table, name in cursor.fetchall() if name.endswith("_changed")}
    assert versioned_tables() <= triggered


def test_every_table_a_page_shows_raises_the_version():
    """Pages are cached whole under the version: a table left out goes stale on them."""
    from django.apps import apps

    tables = {
        model._meta.db_table
        for model in apps.get_app_config("articles").get_models(include_auto_created=True)
    }
    unversioned = {"articles_archiveversion", "articles_article_fts"}
    assert tables - unversioned == versioned_tables()


def test_an_office_edited_shows_on_the_cached_home_page(client, as_another_transaction):
    leader = make_person(name="Edited Leader", leader=True)
    make_article(title="Report", participants=[leader])
    as_another_transaction()
    assert leader in client.get("/").context["leaders"]
    leader.offices.update(head_of_state=False, head_of_government=False)
    as_another_transaction()
    page = client.get("/")
    assert page.context is not None, "the page was served from the cache"
    assert leader not in page.context["leaders"]


def archive_version() -> int:
    return ArchiveVersion.objects.get().version


@postgres_only
def test_one_transaction_raises_the_version_once_however_many_statements():
    """Per statement, an import batch left hundreds of dead versions of the one row."""
    before = archive_version()
    for number in range(3):
        make_article(title=f"Batch {number}")
    Article.objects.update(title="Renamed")
    assert archive_version() == before + 1


@postgres_only
def test_a_rolled_back_savepoint_takes_its_raise_with_it():
    before = archive_version()
    with transaction.atomic():
        make_article(title="Undone")
        transaction.set_rollback(True)
    assert archive_version() == before
    make_article(title="Kept")
    assert archive_version() == before + 1


@postgres_only
def test_a_transaction_that_changed_the_archive_caches_nothing():
    """Its figures would be kept under its final version while it goes on changing things."""
    make_article(title="Half done")
    calls = []
    assert archive_cached("answer", lambda: calls.append(1) or 42) == 42
    assert archive_cached("answer", lambda: calls.append(1) or 42) == 42
    assert calls == [1, 1]


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reseeded_after_flush")
def test_each_committed_change_shows_on_the_next_request(client):
    """Real commits, as an import batch or an admin save makes them, with a warm cache."""
    ArchiveVersion.objects.get_or_create(defaults={"version": 1})
    with transaction.atomic():
        make_article(title="First", published=datetime.date(2015, 1, 1))
    assert home_figures(client) == (1, [{"year": 2015, "n": 1}])
    before = archive_version()
    with transaction.atomic():
        make_article(title="Second", published=datetime.date(2016, 1, 1))
        make_article(title="Third", published=datetime.date(2016, 2, 1))
    assert archive_version() == before + 1
    assert home_figures(client) == (3, [{"year": 2015, "n": 1}, {"year": 2016, "n": 2}])


def test_a_page_asked_again_is_served_from_the_cache(client, as_another_transaction):
    leader = make_person(name="Paged Leader")
    make_article(title="Cached report", participants=[leader])
    as_another_transaction()
    first = client.get("/articles/", {"person": leader.slug})
    with CaptureQueriesContext(connection) as again:
        second = client.get("/articles/", {"person": leader.slug})
    assert len(again.captured_queries) == 1  # the archive's version
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second.status_code == 200


def test_a_cached_page_changes_with_the_archive(client, as_another_transaction):
    leader = make_person(name="Paged Leader")
    make_article(title="First report", participants=[leader])
    as_another_transaction()
    assert "Second report" not in client.get(leader.get_absolute_url()).content.decode()
    make_article(title="Second report", participants=[leader])
    as_another_transaction()
    assert "Second report" in client.get(leader.get_absolute_url()).content.decode()


def test_each_url_is_its_own_page(client, as_another_transaction):
    for number in range(30):
        make_article(title=f"Report {number:02d}", published=datetime.date(2015, 1, 1 + number))
    as_another_transaction()
    first = client.get("/articles/")
    assert client.get("/articles/", {"page": "2"}).content != first.content
    assert client.get("/articles/", HTTP_HOST="127.0.0.1").content != first.content


def test_errors_are_not_cached(client, as_another_transaction):
    make_article(title="Report")
    as_another_transaction()
    assert client.get("/articles/", {"page": "9"}).status_code == 400
    with CaptureQueriesContext(connection) as again:
        assert client.get("/articles/", {"page": "9"}).status_code == 400
    assert len(again.captured_queries) > 1


def test_a_page_too_large_to_keep_is_rendered_each_time(
    client, monkeypatch, as_another_transaction
):
    monkeypatch.setattr(caching, "PAGE_CACHE_MAX_BYTES", 1_000)
    article = make_article(title="Long report", body="Text. " * 1_000)
    as_another_transaction()
    client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as again:
        client.get(article.get_absolute_url())
    assert len(again.captured_queries) > 1


def test_the_page_cache_can_be_turned_off(client, settings, as_another_transaction):
    settings.PAGE_CACHE = False
    make_article(title="Uncached report")
    as_another_transaction()
    client.get("/articles/")
    with CaptureQueriesContext(connection) as again:
        client.get("/articles/")
    assert len(again.captured_queries) > 1
