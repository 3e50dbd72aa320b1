"""``import_articles``: its output and exit status, and runs that are killed or run at once."""

import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article
from tests.importing import write_corpus

CONTRACT_KEYS = {
    "file",
    "sha256",
    "status",
    "error",
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
}


def run_command(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", *args, "--workers", "0", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_it_prints_a_summary_line(tmp_path):
    write_corpus(tmp_path, 3)

    out, err = run_command(str(tmp_path))

    assert out == "imported 3, updated 0, unchanged 0, failed 0\n"
    assert err == ""
    assert Article.objects.count() == 3


@pytest.mark.django_db
def test_it_names_a_failed_file_and_exits_with_status_1(tmp_path):
    write_corpus(tmp_path, 2)
    (tmp_path / "empty.txt").write_bytes(b"")
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_articles", str(tmp_path), "--workers", "0", stdout=out, stderr=err)

    assert raised.value.returncode == 1
    assert f"failed: {tmp_path / 'empty.txt'}: file is empty" in err.getvalue()
    assert out.getvalue() == "imported 2, updated 0, unchanged 0, failed 1\n"


@pytest.mark.django_db
def test_max_bytes_refuses_larger_files(tmp_path):
    [small] = write_corpus(tmp_path, 1)
    (tmp_path / "large.txt").write_text(small.read_text() * 3)
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_articles",
            str(tmp_path),
            f"--max-bytes={len(small.read_bytes())}",
            stdout=io.StringIO(),
            stderr=err,
        )

    assert "large.txt: file is larger than the limit of" in err.getvalue()
    assert Article.objects.get().file_name == small.name


@pytest.mark.django_db
def test_json_prints_one_contract_record_per_file(tmp_path):
    write_corpus(tmp_path, 2)
    (tmp_path / "zz.txt").write_bytes(b"\x00\x01binary")
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_articles", str(tmp_path), "--json", "--workers", "0", stdout=out, stderr=err
        )

    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [record["file"] for record in records] == sorted(p.name for p in tmp_path.iterdir())
    assert all(record.keys() >= CONTRACT_KEYS for record in records)
    assert [record["status"] for record in records] == ["ok", "ok", "error"]
    assert records[0]["outcome"] == "imported" and len(records[0]["sha256"]) == 64
    bad = records[2]
    assert bad["error"] == "binary file: contains NUL bytes"
    assert all(bad[key] is None for key in CONTRACT_KEYS - {"file", "status", "error"})
    assert err.getvalue().endswith("imported 2, updated 0, unchanged 0, failed 1\n")


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path):
    write_corpus(tmp_path, 3)

    out, _ = run_command(str(tmp_path), "--dry-run")

    assert out == "imported 3, updated 0, unchanged 0, failed 0\n"
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_the_seed_pages_give_two_contract_records(seeds_dir):
    out, err = run_command(str(seeds_dir), "--dry-run", "--json")

    records = [json.loads(line) for line in out.splitlines()]
    assert [record["file"] for record in records] == sorted(p.name for p in seeds_dir.iterdir())
    for record in records:
        assert record.keys() >= CONTRACT_KEYS
        assert record["status"] == "ok" and record["title"]
        assert isinstance(record["people"], list) and isinstance(record["events"], list)
    assert err == "imported 2, updated 0, unchanged 0, failed 0\n"


# Runs in other processes need a database those processes can reach: a SQLite file, or a
# PostgreSQL database beside the test database. Each is migrated by the command itself.


@pytest.fixture
def scratch_database(tmp_path):
    """The URL of a new, migrated database of the suite's vendor, dropped afterwards."""
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        manage("migrate", "--noinput", url=url)
        yield url
        return
    params = connection.settings_dict
    name = f"{params['NAME']}_scratch"
    admin = {
        "host": params["HOST"] or None,
        "port": params["PORT"] or None,
        "user": params["USER"] or None,
        "password": params["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    url = f"postgresql://{auth}@{params['HOST']}:{params['PORT'] or 5432}/{name}"
    manage("migrate", "--noinput", url=url)
    yield url
    with psycopg.connect(**admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, url: str, wait: bool = True):
    command = [sys.executable, "manage.py", *args]
    options = {
        "cwd": settings.BASE_DIR,
        "env": {**os.environ, "DATABASE_URL": url},
        "stdout": subprocess.PIPE,
        "stderr": subprocess.PIPE,
        "text": True,
    }
    if not wait:
        return subprocess.Popen(command, **options)
    finished = subprocess.run(command, **options, timeout=120, check=False)
    assert finished.returncode == 0, finished.stderr
    return finished


def connect(url: str):
    """A connection to the scratch database that sees each commit as it happens."""
    if url.startswith("sqlite"):
        return closing(sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None))
    return psycopg.connect(url, autocommit=True)


def query(url: str, sql: str) -> list[tuple]:
    with connect(url) as database:
        return database.execute(sql).fetchall()


def article_count(database) -> int:
    return database.execute("SELECT count(*) FROM articles_article").fetchone()[0]


# The robustness issue asks for at least 20 kills at random points in every test run.
KILLS = 20


@pytest.mark.slow
@pytest.mark.django_db
def test_a_killed_import_resumes_and_leaves_no_half_article(tmp_path, scratch_database):
    url = scratch_database
    pages = write_corpus(tmp_path / "pages", 800, seed=7)
    rng = random.Random()
    seed = rng.randrange(10**6)
    rng.seed(seed)
    kills = 0
    with connect(url) as database:
        while kills < KILLS and article_count(database) < len(pages):
            before = article_count(database)
            process = manage(
                "import_articles",
                str(tmp_path / "pages"),
                "--batch-size",
                "10",
                url=url,
                wait=False,
            )
            # Kill at a random moment once this run has committed something, so that the
            # kill lands among batches being written rather than during start-up.
            while process.poll() is None and article_count(database) == before:
                time.sleep(0.01)
            time.sleep(rng.uniform(0, 0.05))
            process.kill()
            process.communicate()
            kills += 1
        stored = article_count(database)

    finished = manage("import_articles", str(tmp_path / "pages"), url=url)
    dry = manage("import_articles", str(tmp_path / "pages"), "--dry-run", "--json", url=url)

    assert finished.stdout.startswith("imported "), f"kill seed {seed}"
    assert kills == KILLS, f"only {kills} kills before all {stored} pages were in"
    expected = {record["sha256"]: record for record in map(json.loads, dry.stdout.splitlines())}
    assert len(expected) == len(pages)
    assert {record["outcome"] for record in expected.values()} == {"unchanged"}
    rows = query(
        url,
        """SELECT a.sha256, a.extraction_version,
             (SELECT count(*) FROM articles_personmention m WHERE m.article_id = a.id),
             (SELECT count(*) FROM articles_placemention m WHERE m.article_id = a.id),
             (SELECT count(*) FROM articles_quote q WHERE q.article_id = a.id),
             (SELECT count(*) FROM articles_eventreport r WHERE r.article_id = a.id)
           FROM articles_article a""",
    )
    assert len(rows) == len(pages), f"kill seed {seed}"
    for sha, version, people, places, quotes, reports in rows:
        record = expected[sha]
        authors = set(record["bylines"])
        assert version >= 1
        assert people == len(set(record["people"]) - authors), f"kill seed {seed}"
        assert places == len(set(record["places"]))
        assert quotes == len(record["quotes"])
        assert (reports > 0) == bool(record["events"])


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent imports are a PostgreSQL feature; SQLite queues its writers",
)
def test_two_imports_of_overlapping_folders_at_once_store_each_page_once(
    tmp_path, scratch_database
):
    url = scratch_database
    for part in "abc":
        write_corpus(tmp_path / part, 100, seed=ord(part))
    first = manage(
        "import_articles",
        str(tmp_path / "a"),
        str(tmp_path / "b"),
        "--batch-size",
        "10",
        url=url,
        wait=False,
    )
    second = manage(
        "import_articles",
        str(tmp_path / "c"),
        str(tmp_path / "b"),
        "--batch-size",
        "10",
        url=url,
        wait=False,
    )
    outputs = [process.communicate(timeout=120) for process in (first, second)]

    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert query(url, "SELECT count(*) FROM articles_article") == [(300,)]
    imported = sum(int(out.split()[1].rstrip(",")) for out, _ in outputs)
    assert imported == 300
    duplicated_events = query(
        url,
        """SELECT e.kind, e.date, string_agg(p.person_id::text, ',' ORDER BY p.person_id)
           FROM articles_event e JOIN articles_event_participants p ON p.event_id = e.id
           WHERE e.date IS NOT NULL AND e.date_precision = 'day'
           GROUP BY e.id HAVING count(*) >= 2""",
    )
    assert len(duplicated_events) == len(set(duplicated_events))
