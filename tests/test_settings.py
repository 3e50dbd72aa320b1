"""Settings read from the environment: good values parse, bad ones stop the process loudly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from archive.env import parse_bool, parse_database_url

BASE = Path("/srv/archive")
PROJECT_DIR = Path(__file__).resolve().parent.parent


def test_postgresql_url_gives_every_connection_field():
    config = parse_database_url(
        "postgresql://ann:s%40cret@db.example:6432/archive?sslmode=require", BASE
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("archive", "ann", "s@cret")
    assert (config["HOST"], config["PORT"]) == ("db.example", "6432")
    assert config["OPTIONS"] == {"sslmode": "require"}
    assert config["CONN_HEALTH_CHECKS"] is True


def test_sqlite_url_is_relative_to_the_project_or_absolute():
    assert parse_database_url("sqlite:///var/a.db", BASE)["NAME"] == "/srv/archive/var/a.db"
    assert parse_database_url("sqlite:////tmp/b.db", BASE)["NAME"] == "/tmp/b.db"
    assert parse_database_url("sqlite:///:memory:", BASE)["NAME"] == ":memory:"


@pytest.mark.parametrize(
    "url",
    [
        "mysql://root@localhost/db",
        "postgresql://localhost",
        "postgresql://h:notaport/db",
        "sqlite://",
    ],
)
def test_unusable_database_url_is_refused(url):
    with pytest.raises(ImproperlyConfigured):
        parse_database_url(url, BASE)


def test_debug_accepts_common_words_and_refuses_others():
    assert parse_bool("DEBUG", "on") is True
    assert parse_bool("DEBUG", "0") is False
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe'"):
        parse_bool("DEBUG", "maybe")


def start_django(**env_overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=PROJECT_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "archive.settings"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_missing_secret_key_with_debug_off_stops_start():
    result = start_django(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_bad_database_url_stops_start():
    result = start_django(DATABASE_URL="oracle://x/y")
    assert result.returncode != 0
    assert "DATABASE_URL scheme 'oracle' is not supported" in result.stderr


def test_production_settings_start_with_a_secret_key():
    result = start_django(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="archive.example")
    assert result.returncode == 0, result.stderr


def test_the_suite_runs_on_the_database_that_database_url_names():
    from django.db import connection

    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres", "pgsql")) else "sqlite"
    assert connection.vendor == expected
