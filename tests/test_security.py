"""Production hardening: deploy checks, HTTPS settings, security headers and admin lockout."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from archive.env import parse_proxy_ssl_header
from articles.models import Article, Person
from articles.security import client_ip

PROJECT_DIR = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50)}
# Cleared from the inherited environment, so a developer's own values cannot leak into a test.
SETTINGS_VARIABLES = {
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "CSRF_TRUSTED_ORIGINS",
    "TRUSTED_PROXY_COUNT",
}
# A <script> element without src (inline code), a style attribute or an on…= handler: what
# the Content-Security-Policy blocks, so a page using one would be broken under it.
INLINE_CODE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\sstyle=|\son[a-z]+=", re.IGNORECASE
)


def run_python(code: str, **env_overrides) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter with the project's settings and a clean environment."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(env_overrides, DJANGO_SETTINGS_MODULE="archive.settings")
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def settings_under(**env) -> dict:
    """The HTTPS-related settings Django ends up with for an environment."""
    names = [
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "CSRF_TRUSTED_ORIGINS",
    ]
    result = run_python(
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.slow
def test_production_settings_pass_the_deploy_check_without_warnings():
    result = run_python(
        "from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        **PRODUCTION_ENV,
        ALLOWED_HOSTS="archive.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr


def test_https_is_enforced_by_default_when_debug_is_off():
    values = settings_under(**PRODUCTION_ENV)
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_development_serves_plain_http():
    values = settings_under(DEBUG="1")
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0


def test_https_settings_follow_the_environment():
    values = settings_under(
        **PRODUCTION_ENV,
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="600",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        CSRF_TRUSTED_ORIGINS="https://archive.example, https://www.archive.example:8443",
    )
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 600
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["CSRF_TRUSTED_ORIGINS"] == [
        "https://archive.example",
        "https://www.archive.example:8443",
    ]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SECURE_HSTS_SECONDS", "1y", "is not a whole number"),
        ("SECURE_HSTS_SECONDS", "-1", "is negative"),
        ("SECURE_SSL_REDIRECT", "sometimes", "is not a boolean"),
        ("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https", "is not an HTTP header name"),
        ("CSRF_TRUSTED_ORIGINS", "archive.example", "is not an origin"),
        ("CSRF_TRUSTED_ORIGINS", "https://archive.example/admin/", "is not an origin"),
        ("TRUSTED_PROXY_COUNT", "-1", "is negative"),
    ],
)
def test_a_bad_https_setting_stops_start(name, value, message):
    result = run_python("import django; django.setup()", **PRODUCTION_ENV, **{name: value})
    assert result.returncode != 0
    assert name in result.stderr
    assert message in result.stderr


@pytest.fixture
def https_only(settings):
    """The HTTPS settings production gets by default (the test process runs with DEBUG on)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True


@pytest.mark.django_db
def test_plain_http_is_sent_to_https_and_https_is_pinned(client, https_only):
    plain = client.get("/articles/?page=2")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/articles/?page=2"
    secure = client.get("/articles/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_behind_a_tls_proxy_its_header_marks_requests_secure(client, https_only, settings):
    settings.SECURE_PROXY_SSL_HEADER = parse_proxy_ssl_header("NAME", "X-Forwarded-Proto")
    assert client.get("/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
    assert client.get("/", HTTP_X_FORWARDED_PROTO="http").status_code == 301


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/articles/", "/admin/login/", "/no-such-page/"])
def test_pages_send_a_strict_content_security_policy(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'self'"
    assert "unsafe" not in policy


@pytest.mark.django_db
def test_pages_forbid_sniffing_framing_and_leaking_the_referrer(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_archive_pages_need_no_inline_code(client):
    article = Article.objects.create(
        title="Talks in Astana", body="Text.", raw_text="Text.", sha256="c" * 64, file_name="a.txt"
    )
    for path in ["/", "/articles/", article.get_absolute_url()]:
        response = client.get(path)
        assert response.status_code == 200
        assert not INLINE_CODE.findall(response.content.decode()), path


@pytest.mark.django_db
def test_the_admin_works_under_the_policy(staff_client):
    login = Client().get("/admin/login/")
    assert login.status_code == 200
    assert "Content-Security-Policy" in login
    assert not INLINE_CODE.findall(login.content.decode())

    person = Person.objects.create(name="Kassym-Jomart Tokayev")
    change = staff_client.get(reverse("admin:articles_person_change", args=[person.pk]))
    assert change.status_code == 200
    assert "Content-Security-Policy" in change
    html = change.content.decode()
    assert not INLINE_CODE.findall(html)
    # Its scripts are files served from this origin, which script-src 'self' allows.
    assert re.findall(r'<script src="/static/admin/js/[^"]+\.js"', html)


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reseeded_after_flush")
def test_the_admin_runs_in_a_browser_without_policy_violations(live_server, django_user_model):
    """Chromium enforces the policy; any blocked script or style is a console error."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    django_user_model.objects.create_superuser("root", "root@example.org", "Browser-Passw0rd")
    person = Person.objects.create(name="Almazbek Atambayev")
    article = Article.objects.create(
        title="Talks", body="Text.", raw_text="Text.", sha256="f" * 64, file_name="t.txt"
    )
    problems = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(base_url=live_server.url)
        page.set_default_timeout(10_000)
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        # The browser asks for /favicon.ico on its own; the site has none (not this test's concern).
        page.route("**/favicon.ico", lambda route: route.fulfill(status=204))

        page.goto("/admin/login/")
        page.fill("#id_username", "root")
        page.fill("#id_password", "Browser-Passw0rd")
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/")

        page.goto(f"/admin/articles/person/{person.pk}/change/")
        # Scripts at work: a new inline row (inlines.js) and the country autocomplete (select2).
        rows = page.locator("#aliases-group tr.form-row.dynamic-aliases")
        before = rows.count()
        page.click("#aliases-group .add-row a")
        assert rows.count() == before + 1
        page.click("#id_country + .select2")
        page.wait_for_selector(".select2-results")
        page.goto(f"/admin/articles/article/{article.pk}/change/")
        page.click("#id_published_date + .datetimeshortcuts a")  # "Today" (DateTimeShortcuts)
        assert page.input_value("#id_published_date")
        browser.close()
    assert problems == []


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("alma", password="right-Passw0rd", is_staff=True)


def sign_in(client, username: str, password: str, address: str = "203.0.113.7", **headers):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_four_wrong_passwords_still_let_the_right_one_in(client, editor):
    for _ in range(4):
        assert sign_in(client, "alma", "guess").status_code == 200
    response = sign_in(client, "alma", "right-Passw0rd")
    assert response.status_code == 302
    assert is_signed_in(client)


@pytest.mark.django_db
def test_five_wrong_passwords_lock_out_even_the_right_one(client, editor):
    for _ in range(5):
        sign_in(client, "alma", "guess")
    response = sign_in(client, "alma", "right-Passw0rd")
    assert response.status_code == 429
    assert not is_signed_in(client)
    assert "Too many failed sign-ins" in response.content.decode()
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_a_lockout_does_not_lock_out_other_users_or_addresses(client, editor, django_user_model):
    django_user_model.objects.create_user("bek", password="other-Passw0rd", is_staff=True)
    for _ in range(5):
        sign_in(client, "alma", "guess")

    assert sign_in(client, "bek", "other-Passw0rd").status_code == 302
    client.logout()
    # The same username from elsewhere: the lockout is per username and address, so a
    # stranger guessing cannot keep the real editor out.
    assert sign_in(client, "alma", "right-Passw0rd", address="198.51.100.9").status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_clients_are_told_apart_by_the_address_it_forwards(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for attempt in range(5):
        # The attacker's own X-Forwarded-For entry (left) cannot hide its address (right).
        spoofed = f"1.2.3.{attempt}, 192.0.2.66"
        sign_in(client, "alma", "guess", proxy, HTTP_X_FORWARDED_FOR=spoofed)
    locked = sign_in(client, "alma", "right-Passw0rd", proxy, HTTP_X_FORWARDED_FOR="192.0.2.66")
    assert locked.status_code == 429

    real_editor = sign_in(
        client, "alma", "right-Passw0rd", proxy, HTTP_X_FORWARDED_FOR="198.51.100.20"
    )
    assert real_editor.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.66", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "192.0.2.66", "192.0.2.66"),
        (1, "6.6.6.6, 192.0.2.66", "192.0.2.66"),
        (2, "6.6.6.6, 192.0.2.66, 10.0.0.2", "192.0.2.66"),
        (2, "192.0.2.66", "10.0.0.1"),
        (1, "unknown", "10.0.0.1"),
    ],
)
def test_the_client_address_is_read_through_the_trusted_proxies_only(
    rf, settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
