"""While the database is down or restarting, pages answer 503 and the app recovers by itself.

The slow tests start the production server, gunicorn, with one sync worker (one thread that
keeps its database connection between requests) and ``DEBUG`` off, then break its database.
"""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock
from urllib.parse import quote, urlencode

import pytest
from django.db import InterfaceError, OperationalError, connection

PROJECT_DIR = Path(__file__).resolve().parent.parent
APP_NAME = "archive-outage-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, dict, str]:
    """Status, headers and text of a GET, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def app_server(tmp_path):
    """Start an app server on a given ``DATABASE_URL``; yields a function returning its base URL."""
    servers = []

    def start(database_url: str) -> str:
        port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.outage_settings",
            "DATABASE_URL": database_url,
            "DEBUG": "0",
            "SECRET_KEY": "outage-test-" + "k" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
        }
        log = tmp_path / f"server-{port}.log"
        with log.open("w") as output:
            server = subprocess.Popen(
                # The production server, one sync worker: one thread reusing its connection.
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "archive.wsgi",
                    "--workers=1",
                    f"--bind=127.0.0.1:{port}",
                ],
                cwd=PROJECT_DIR,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        servers.append(server)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            assert server.poll() is None, log.read_text()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return f"http://127.0.0.1:{port}"
            except OSError:
                time.sleep(0.05)
        pytest.fail("the app server did not start within 15 seconds")

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def assert_outage_page(status: int, headers: dict, text: str) -> None:
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "The archive is temporarily unavailable" in text
    assert "Traceback" not in text
    assert "OperationalError" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "error",
    [OperationalError("connection refused"), InterfaceError("connection already closed")],
    ids=["operational", "interface"],
)
def test_a_database_error_gives_the_503_page(client, error):
    with mock.patch("django.db.models.query.QuerySet.count", side_effect=error):
        response = client.get("/")
    assert_outage_page(response.status_code, response.headers, response.content.decode())
    assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_other_errors_stay_server_errors(client):
    client.raise_request_exception = False
    with mock.patch("django.db.models.query.QuerySet.count", side_effect=ValueError("bug")):
        response = client.get("/")
    assert response.status_code == 500


@pytest.mark.slow
def test_a_database_that_is_down_gives_503_never_a_traceback(app_server):
    # Nothing listens on port 1: every connection attempt is refused, as when the server is down.
    base = app_server("postgresql://postgres@127.0.0.1:1/archive")
    for path in ["/", "/articles/"]:
        assert_outage_page(*get(base + path))


def app_database_url(host: str = "", port: str = "") -> str:
    """A ``DATABASE_URL`` for this test database, tagged so its connections can be found."""
    db = connection.settings_dict
    query = urlencode({**db["OPTIONS"], "application_name": APP_NAME})
    return (
        f"postgresql://{quote(db['USER'])}:{quote(db['PASSWORD'])}"
        f"@{host or db['HOST']}:{port or db['PORT']}/{quote(db['NAME'])}?{query}"
    )


def app_backends() -> list[int]:
    """Server processes of our test app's connections, in this test database only."""
    with connection.cursor() as cursor:
        # The test runs in a transaction, which would otherwise keep seeing its first snapshot.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND application_name = %s",
            [APP_NAME],
        )
        return [pid for (pid,) in cursor.fetchall()]


@pytest.mark.slow
@pytest.mark.django_db
def test_the_app_reconnects_after_the_database_drops_its_connections(app_server):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: terminates the app's server connections")
    base = app_server(app_database_url())
    assert get(base + "/")[0] == 200
    assert get(base + "/")[0] == 200
    (first,) = app_backends()  # one connection, kept between requests

    # What a database restart does to the app's open connection.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE pid = %s AND datname = current_database()",
            [first],
        )
    deadline = time.monotonic() + 5
    while first in app_backends() and time.monotonic() < deadline:
        time.sleep(0.02)

    # The health check finds the dead connection before the page's queries use it, so not
    # even the first request after the restart fails.
    assert get(base + "/")[0] == 200
    (second,) = app_backends()
    assert second != first


class Relay:
    """A TCP relay in front of PostgreSQL that can drop its connections and refuse new ones.

    Cutting it does to the app what a database restart does: open connections die and new ones
    fail (a server that is shutting down also accepts and then hangs up) until it is back.
    """

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.up = True
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed: the test is over
                return
            if not self.up:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in [(client, upstream), (upstream, client)]:
                threading.Thread(target=self.pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def pump(source: socket.socket, sink: socket.socket):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                # shutdown() wakes the other pump, blocked in recv() on its end.
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.up = False
        with self.lock:
            for end in self.sockets:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            self.sockets.clear()

    def restore(self):
        self.up = True

    def close(self):
        self.cut()
        self.listener.close()


@pytest.fixture
def relay():
    host, port = connection.settings_dict["HOST"], connection.settings_dict["PORT"]
    if connection.vendor != "postgresql" or not host or host.startswith("/"):
        pytest.skip("needs PostgreSQL over TCP, to relay the app's connections through a cut-off")
    relay = Relay(host, int(port or 5432))
    yield relay
    relay.close()


@pytest.mark.slow
@pytest.mark.django_db
def test_pages_answer_503_while_the_database_restarts_then_work_again(app_server, relay):
    base = app_server(app_database_url("127.0.0.1", str(relay.port)))
    assert get(base + "/")[0] == 200

    relay.cut()
    assert_outage_page(*get(base + "/"))
    assert_outage_page(*get(base + "/articles/"))

    relay.restore()
    assert get(base + "/")[0] == 200
    assert get(base + "/articles/")[0] == 200
