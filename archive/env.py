"""Small, strict readers for settings taken from the environment.

Each helper fails loudly (``ImproperlyConfigured``) on a value it cannot understand, so a
typo in a deployment stops the process at start instead of running with a silent default.
"""

import re
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def parse_bool(name: str, value: str) -> bool:
    """Read a boolean setting written as 1/0, true/false, yes/no or on/off."""
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use 1 or 0.")


def parse_int(name: str, value: str) -> int:
    """Read a whole-number setting."""
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def parse_list(value: str) -> list[str]:
    """Read a comma-separated list, ignoring blanks."""
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_count(name: str, value: str) -> int:
    """Read a whole number that cannot be negative: a count, or a duration in seconds."""
    number = parse_int(name, value)
    if number < 0:
        raise ImproperlyConfigured(f"{name}={value!r} is negative; use 0 to turn it off.")
    return number


def parse_origins(name: str, value: str) -> list[str]:
    """Read a comma-separated list of origins, each ``https://host[:port]`` (or ``http://``)."""
    origins = parse_list(value)
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path:
            raise ImproperlyConfigured(
                f"{name}: {origin!r} is not an origin; write it as https://host or https://host:port."
            )
    return origins


HEADER_NAME = re.compile(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*")


def parse_proxy_ssl_header(name: str, value: str) -> tuple[str, str] | None:
    """Read the header a TLS-terminating proxy sets to ``https`` on secure requests.

    ``X-Forwarded-Proto`` becomes Django's ``("HTTP_X_FORWARDED_PROTO", "https")``; blank means
    no proxy is trusted. Only set it when the proxy always sets or strips that header, or
    a client could claim HTTPS over plain HTTP.
    """
    header = value.strip()
    if not header:
        return None
    if not HEADER_NAME.fullmatch(header):
        raise ImproperlyConfigured(f"{name}={value!r} is not an HTTP header name.")
    return "HTTP_" + header.upper().replace("-", "_"), "https"


def parse_database_url(url: str, base_dir: Path) -> dict:
    """Turn a ``DATABASE_URL`` into a Django ``DATABASES['default']`` entry.

    Accepts ``postgresql://user:password@host:port/name?sslmode=…`` (also ``postgres://``)
    and ``sqlite:///relative/path``, ``sqlite:////absolute/path`` or ``sqlite:///:memory:``.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        raw_path = url[len("sqlite://") :]
        if not raw_path.startswith("/"):
            raise ImproperlyConfigured(
                f"DATABASE_URL {url!r}: a SQLite URL is sqlite:///relative/path "
                "or sqlite:////absolute/path."
            )
        path = raw_path[1:]
        if not path:
            raise ImproperlyConfigured(f"DATABASE_URL {url!r} names no SQLite file.")
        name = path if path == ":memory:" else str(base_dir / path)
        return sqlite_database(name)
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"DATABASE_URL {url!r} names no database.")
        try:
            port = parts.port
        except ValueError as error:
            raise ImproperlyConfigured(f"DATABASE_URL {url!r}: {error}.") from error
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "OPTIONS": dict(parse_qsl(parts.query)),
            # Reuse connections, but check them first so that a database restart costs
            # one failed request at most instead of a restart of every app server.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parts.scheme!r} is not supported; use postgresql:// or sqlite:///."
    )


def sqlite_database(name: str) -> dict:
    """The SQLite settings: WAL and an immediate write lock so concurrent imports queue."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        "OPTIONS": {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }
