"""The import pipeline function: what it stores, idempotence, and pages that fail."""

import os
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from articles.importer import linking, pipeline, saving
from articles.importer.pipeline import import_paths
from articles.models import Article, Person, PersonMention, PlaceMention, Quote, Source
from tests.importing import fake_extract, leaders, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fake_extractor(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_page", fake_extract)


@pytest.fixture
def people():
    return leaders()


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in apps.get_app_config("articles").get_models()
        # Unmanaged: the SQLite search index, absent on PostgreSQL.
        if model._meta.managed
    }


def meeting_page(n: int) -> str:
    return page_text(
        f"Putin meets Nazarbayev, part {n}",
        published="2014-12-23",
        body=f"Vladimir Putin met Назарбаев in Moscow. Day {n}.",
        events=(f"meeting 2014-12-{n % 28 + 1:02d} Moscow Vladimir Putin, Nursultan Nazarbayev",),
        quotes=(("Vladimir Putin", f"We agreed on point {n}."),),
    )


def test_it_stores_the_page_and_what_was_extracted(tmp_path, people):
    raw = page_text(
        "Putin meets Nazarbayev",
        published="2014-12-23",
        source="Tengrinews",
        bylines=("Renat Tashkinbayev",),
        body="Vladimir\u00a0Putin met Назарбаев in Moscow.",
        events=("meeting 2014-12-22 Moscow Vladimir Putin, Nursultan Nazarbayev",),
        quotes=(("Nursultan Nazarbayev", "Russia is now a different country."),),
    ).replace("\n", "\r\n")
    write(tmp_path, "ru/page.txt", raw, encoding="cp1251")

    result = import_paths([tmp_path], workers=0)

    assert result.summary() == "imported 1, updated 0, unchanged 0, failed 0"
    article = Article.objects.get()
    assert article.file_name == "ru/page.txt"
    assert article.raw_text == raw
    assert article.encoding == "cp1251"
    assert article.title == "Putin meets Nazarbayev"
    assert str(article.published_date) == "2014-12-23"
    assert article.source == Source.objects.get(name="Tengrinews")
    assert article.bylines == ["Renat Tashkinbayev"]
    assert article.extraction_version >= 1
    assert set(article.people.all()) == {people["Putin"], people["Nazarbayev"]}
    assert "Moscow" in article.places.values_list("name", flat=True)
    assert article.quotes.get().speaker == people["Nazarbayev"]
    assert article.events.get().participants.count() == 2
    # Findable by any alias of the people it names, whatever its language.
    for name in ["Nursultan Nazarbayev", "Назарбаев", "Nazarbaev", "Владимир Путин", "Moscow"]:
        assert name in article.search_names


def test_importing_the_same_folder_twice_changes_nothing(tmp_path, people):
    for n in range(5):
        write(tmp_path, f"{n:03}.txt", meeting_page(n))
    import_paths([tmp_path], workers=0)
    before = row_counts()

    result = import_paths([tmp_path], workers=0)

    assert result.summary() == "imported 0, updated 0, unchanged 5, failed 0"
    assert row_counts() == before


def test_new_content_under_a_known_name_updates_the_article_in_place(tmp_path, people):
    path = write(tmp_path, "page.txt", meeting_page(1))
    import_paths([tmp_path], workers=0)
    article = Article.objects.get()
    path.write_text(page_text("Lukashenko calls Putin", body="Лукашенко called Vladimir Putin."))

    result = import_paths([tmp_path], workers=0)

    assert result.summary() == "imported 0, updated 1, unchanged 0, failed 0"
    updated = Article.objects.get()
    assert updated.pk == article.pk
    assert updated.title == "Lukashenko calls Putin"
    assert set(updated.people.all()) == {people["Lukashenko"], people["Putin"]}
    assert not updated.quotes.exists() and not updated.events.exists()
    assert not PlaceMention.objects.exists()


def test_the_same_content_under_another_name_is_stored_once(tmp_path, people):
    write(tmp_path, "a.txt", meeting_page(1))
    write(tmp_path, "b.txt", meeting_page(1))

    result = import_paths([tmp_path], workers=0)

    assert result.summary() == "imported 1, updated 0, unchanged 1, failed 0"
    assert result.files[1].duplicate_of == "a.txt"
    assert Article.objects.get().file_name == "a.txt"


def test_files_of_one_name_in_two_folders_are_two_articles(tmp_path, people):
    write(tmp_path, "one/page.txt", meeting_page(1))
    write(tmp_path, "two/page.txt", meeting_page(2))
    folders = [tmp_path / "one", tmp_path / "two"]

    first = import_paths(folders, workers=0)
    second = import_paths(folders, workers=0)

    assert first.summary() == "imported 2, updated 0, unchanged 0, failed 0"
    assert second.summary() == "imported 0, updated 0, unchanged 2, failed 0"


def test_a_file_of_a_known_name_in_another_folder_is_a_new_article(tmp_path, people):
    write(tmp_path, "x/one/page.txt", meeting_page(1))
    write(tmp_path, "x/two/page.txt", meeting_page(2))

    first = import_paths([tmp_path / "x" / "one"], workers=0)
    second = import_paths([tmp_path / "x" / "two"], workers=0)

    assert first.summary() == "imported 1, updated 0, unchanged 0, failed 0"
    assert second.summary() == "imported 1, updated 0, unchanged 0, failed 0"
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Putin meets Nazarbayev, part 1",
        "Putin meets Nazarbayev, part 2",
    ]
    assert set(Article.objects.values_list("file_name", "source_path")) == {
        ("page.txt", str((tmp_path / "x/one/page.txt").resolve())),
        ("page.txt", str((tmp_path / "x/two/page.txt").resolve())),
    }


def test_a_file_named_directly_updates_the_article_of_its_folder_import(tmp_path, people):
    path = write(tmp_path, "folder/page.txt", meeting_page(1))
    import_paths([tmp_path], workers=0)
    path.write_text(meeting_page(2))

    result = import_paths([path], workers=0)

    assert result.summary() == "imported 0, updated 1, unchanged 0, failed 0"
    assert Article.objects.get().title == "Putin meets Nazarbayev, part 2"


def test_an_article_stored_without_a_path_is_never_overwritten(tmp_path, people):
    path = write(tmp_path, "page.txt", meeting_page(1))
    import_paths([tmp_path], workers=0)
    Article.objects.update(source_path="")  # as imported before paths were stored
    path.write_text(meeting_page(2))

    result = import_paths([tmp_path], workers=0)

    assert result.summary() == "imported 1, updated 0, unchanged 0, failed 0"
    assert Article.objects.count() == 2


def test_a_page_whose_extraction_raises_fails_alone(tmp_path, people):
    write(tmp_path, "a.txt", meeting_page(1))
    write(tmp_path, "b.txt", page_text("Broken", fail=True))
    write(tmp_path, "c.txt", meeting_page(2))

    result = import_paths([tmp_path], workers=0)

    assert result.summary() == "imported 2, updated 0, unchanged 0, failed 1"
    [problem] = result.problems
    assert problem.file == "b.txt"
    assert problem.error == "extraction failed: ValueError: extraction breaks here"


def test_a_page_that_fails_while_saving_leaves_nothing_behind(tmp_path, people, monkeypatch):
    write(tmp_path, "a.txt", meeting_page(1))
    write(tmp_path, "b.txt", page_text("Signing", events=("signing - - Vladimir Putin",)))
    write(tmp_path, "c.txt", meeting_page(2))
    link_events = linking.link_events

    def fail_on_signing(records):
        if any(record.kind == "signing" for record in records):
            raise RuntimeError("disk on fire")
        link_events(records)

    monkeypatch.setattr(linking, "link_events", fail_on_signing)

    result = import_paths([tmp_path], workers=0)

    assert result.summary() == "imported 2, updated 0, unchanged 0, failed 1"
    assert result.problems[0].error == "could not save: RuntimeError: disk on fire"
    assert set(Article.objects.values_list("file_name", flat=True)) == {"a.txt", "c.txt"}
    assert PersonMention.objects.count() == 4  # two per saved page, none from b.txt
    assert Quote.objects.count() == 2


def test_unknown_people_are_created_unreviewed_once(tmp_path, people):
    for n in range(2):
        write(
            tmp_path,
            f"{n}.txt",
            page_text(f"Minister visits {n}", unknown=(("Aigerim Testova", "Foreign Minister"),)),
        )

    import_paths([tmp_path], workers=0)

    person = Person.objects.get(name="Aigerim Testova")
    assert not person.reviewed
    assert "Foreign Minister" in person.notes
    assert person.articles.count() == 2


def test_journalists_are_kept_as_bylines_not_people(tmp_path, people):
    write(
        tmp_path,
        "page.txt",
        page_text(
            "Putin meets Nazarbayev",
            bylines=("Dinara Urazova",),
            unknown=(("Dinara Urazova", "correspondent"),),
        ),
    )

    import_paths([tmp_path], workers=0)

    assert Article.objects.get().bylines == ["Dinara Urazova"]
    assert not Person.objects.filter(name="Dinara Urazova").exists()


def test_bad_files_are_reported_and_the_rest_imported(tmp_path, people, monkeypatch):
    write(tmp_path, "good/1.txt", meeting_page(1))
    write(tmp_path, "bad/empty.txt", "")
    (tmp_path / "bad" / "loop").symlink_to(tmp_path / "bad")
    (tmp_path / "locked").mkdir()
    scandir = os.scandir
    monkeypatch.setattr(
        os,
        "scandir",
        lambda path: (
            (_ for _ in ()).throw(PermissionError(13, "denied"))
            if Path(path).name == "locked"
            else scandir(path)
        ),
    )

    result = import_paths([tmp_path, tmp_path / "missing.txt"], workers=0)

    assert result.summary() == "imported 1, updated 0, unchanged 0, failed 4"
    assert {(p.file, p.error) for p in result.problems} == {
        ("bad/empty.txt", "file is empty"),
        ("bad/loop", "symbolic link loop: the folder contains itself"),
        ("locked", "cannot list folder: permission denied"),
        ("missing.txt", "no such file or folder"),
    }


def test_a_dry_run_writes_nothing_and_tells_what_would_happen(tmp_path, people):
    write(tmp_path, "a.txt", meeting_page(1))
    import_paths([tmp_path], workers=0)
    write(tmp_path, "b.txt", meeting_page(2))
    before = row_counts()

    result = import_paths([tmp_path], workers=0, dry_run=True)

    assert result.summary() == "imported 1, updated 0, unchanged 1, failed 0"
    assert row_counts() == before


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry-run", "real"])
def test_a_copy_in_a_later_batch_is_unchanged(tmp_path, people, dry_run):
    write(tmp_path, "a.txt", meeting_page(1))
    write(tmp_path, "b.txt", meeting_page(1))

    result = import_paths([tmp_path], workers=0, batch_size=1, dry_run=dry_run)

    assert [(r.status, r.duplicate_of) for r in result.files] == [
        ("imported", None),
        ("unchanged", "a.txt"),
    ]


def test_worker_processes_give_the_same_result(tmp_path, people):
    for n in range(40):
        write(tmp_path, f"{n:03}.txt", meeting_page(n))
    write(tmp_path, "broken.txt", page_text("Broken", fail=True))
    seen = []

    result = import_paths([tmp_path], workers=2, batch_size=7, progress=seen.append)

    assert result.summary() == "imported 40, updated 0, unchanged 0, failed 1"
    assert [record.file for record in seen] == [*(f"{n:03}.txt" for n in range(40)), "broken.txt"]
    assert PersonMention.objects.count() == 80


def test_a_batch_of_pages_takes_a_few_queries_not_a_few_per_page(
    tmp_path, people, django_assert_max_num_queries
):
    for n in range(60):
        write(tmp_path, f"{n:03}.txt", meeting_page(n))
    import_paths([tmp_path / "000.txt"], workers=0)  # the first run creates the source etc.

    with django_assert_max_num_queries(40):
        import_paths([tmp_path], workers=0, batch_size=100)

    assert Article.objects.count() == 60


def test_a_page_another_import_stored_meanwhile_is_retried_and_unchanged(
    tmp_path, people, monkeypatch
):
    write(tmp_path, "a.txt", meeting_page(1))
    import_paths([tmp_path], workers=0)
    write(tmp_path, "b.txt", meeting_page(1))
    classify = saving.Saver._classify
    calls = []

    def blind_first(self, batch):
        # The first attempt misses a.txt's article, as when another import commits it
        # between this import's look-up and its insert.
        calls.append(batch)
        outcomes = classify(self, batch)
        return [saving.Saved(saving.IMPORTED) for _ in outcomes] if len(calls) == 1 else outcomes

    monkeypatch.setattr(saving.Saver, "_classify", blind_first)

    result = import_paths([tmp_path / "b.txt"], workers=0)

    assert len(calls) == 2
    assert result.summary() == "imported 0, updated 0, unchanged 1, failed 0"
    assert Article.objects.count() == 1


def table_rows_planned(table: str) -> float:
    """What the planner believes ``table`` holds (``pg_class.reltuples``, set by ANALYZE)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_a_large_import_leaves_the_planner_statistics_current(tmp_path, people, monkeypatch):
    """Search plans its relevance window from them, and autovacuum may be off or late."""
    monkeypatch.setattr(pipeline, "ANALYZE_AFTER", 5)
    for n in range(4):
        write(tmp_path, f"{n:03}.txt", meeting_page(n))
    import_paths([tmp_path], workers=0)
    # ANALYZE writes its figures in place, outside the transaction: an earlier run's stay.
    before = table_rows_planned("articles_article")
    assert before != Article.objects.count()

    for n in range(4, 10):
        write(tmp_path, f"{n:03}.txt", meeting_page(n))
    import_paths([tmp_path], workers=0)

    assert before != table_rows_planned("articles_article") == Article.objects.count() == 10
    assert table_rows_planned("articles_personmention") == PersonMention.objects.count()


def test_the_statistics_are_refreshed_each_time_the_archive_doubles(tmp_path, people, monkeypatch):
    """Planned from an empty table's statistics, an import's own queries slowed it by half."""
    monkeypatch.setattr(pipeline, "ANALYZE_AFTER", 2)
    sizes = []
    analyze = pipeline.PlannerStatistics.analyze

    def recorded(statistics):
        analyze(statistics)
        sizes.append(statistics.rows_at_last)

    monkeypatch.setattr(pipeline.PlannerStatistics, "analyze", recorded)
    for n in range(10):
        write(tmp_path, f"{n:03}.txt", meeting_page(n))

    import_paths([tmp_path], workers=0, batch_size=2)

    assert sizes == [2, 4, 8, 10]
