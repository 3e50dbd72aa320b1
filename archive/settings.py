"""Settings for the archive, read from the environment.

``DATABASE_URL`` (SQLite file in the project folder when unset), ``SECRET_KEY`` (required when
``DEBUG`` is off), ``DEBUG`` (on by default for a development checkout) and ``ALLOWED_HOSTS``;
the HTTPS settings below default to strict when ``DEBUG`` is off. README lists them all.
"""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from archive.env import (
    parse_bool,
    parse_count,
    parse_database_url,
    parse_int,
    parse_list,
    parse_origins,
    parse_proxy_ssl_header,
    sqlite_database,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = parse_bool("DEBUG", os.environ.get("DEBUG", "1"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-key-not-for-production"  # noqa: S105

ALLOWED_HOSTS = parse_list(os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]"))
if DEBUG:
    ALLOWED_HOSTS += ["testserver"]

# HTTPS. Off by default in development (runserver speaks plain HTTP); strict otherwise, so a
# production deployment has to opt out explicitly rather than remember to opt in.
_https_default = "0" if DEBUG else "1"
SECURE_SSL_REDIRECT = parse_bool(
    "SECURE_SSL_REDIRECT", os.environ.get("SECURE_SSL_REDIRECT", _https_default)
)
_secure_cookies = parse_bool("SECURE_COOKIES", os.environ.get("SECURE_COOKIES", _https_default))
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _secure_cookies
SECURE_HSTS_SECONDS = parse_count(
    "SECURE_HSTS_SECONDS", os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = parse_bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1")
)
SECURE_HSTS_PRELOAD = parse_bool("SECURE_HSTS_PRELOAD", os.environ.get("SECURE_HSTS_PRELOAD", "0"))
if not SECURE_HSTS_PRELOAD:
    # Asking browsers' preload list to hard-code HTTPS for the whole domain is the domain
    # owner's long-term commitment, not a default an app should make for them.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_PROXY_SSL_HEADER = parse_proxy_ssl_header(
    "SECURE_PROXY_SSL_HEADER", os.environ.get("SECURE_PROXY_SSL_HEADER", "")
)
CSRF_TRUSTED_ORIGINS = parse_origins(
    "CSRF_TRUSTED_ORIGINS", os.environ.get("CSRF_TRUSTED_ORIGINS", "")
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "csp",
    "axes",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "articles.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "articles.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Every page is served from this origin, scripts and styles from files only: an injected
# <script> or style attribute does nothing. The admin needs nothing more (its JS is files).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
    }
}

# Password guessing on the admin login: five failures for one username from one address lock
# that pair out for 15 minutes (other users and addresses are unaffected). Attempts are kept
# in the database, so this works across app servers and needs no cache server.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "locked_out.html"
# Behind proxies the peer address is the proxy's, so every client would share one lockout.
# TRUSTED_PROXY_COUNT says how many proxies append to X-Forwarded-For (0: none, use the peer).
TRUSTED_PROXY_COUNT = parse_count("TRUSTED_PROXY_COUNT", os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "articles.security.client_ip"

# Figures, facets and whole public pages are cached under the archive's version, which
# database triggers raise on every change (articles.caching): nothing is ever stale, so
# nothing needs a timeout. Local memory per process by default; PAGE_CACHE=0 turns the
# whole-page layer off (the benchmark's cold run).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {
            "MAX_ENTRIES": parse_count("CACHE_ENTRIES", os.environ.get("CACHE_ENTRIES", "3000"))
        },
    }
}
PAGE_CACHE = parse_bool("PAGE_CACHE", os.environ.get("PAGE_CACHE", "1"))

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_database_url = os.environ.get("DATABASE_URL", "")
DATABASES = {
    "default": parse_database_url(_database_url, BASE_DIR)
    if _database_url
    else sqlite_database(str(BASE_DIR / "db.sqlite3"))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Import limits: files larger than this are refused with a reason (bytes).
IMPORT_MAX_BYTES = parse_int("IMPORT_MAX_BYTES", os.environ.get("IMPORT_MAX_BYTES", "5242880"))
