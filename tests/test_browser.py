"""End to end in Debian's headless Chromium, driven by Playwright against a live server.

Scenarios: search, add and remove a facet, page through results, open an article, follow a
person, walk the date archive, and the keyboard's first stop. Any console error, page error,
request leaving the test server or page wider than the window fails the test. Screenshots of
the main pages, wide and on a phone, go to ``var/screenshots/`` (the path is printed in the
test summary).
"""

import datetime
import re
from pathlib import Path

import pytest

from tests.conftest import SCREENSHOTS_DIR
from tests.factories import make_article, make_event, make_person, make_place, make_source

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a quiet, sandbox-free headless run that never calls home (CI runs as root).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
    # A live server needs committed data, so each test ends with a flush.
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reseeded_after_flush"),
]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module", autouse=True)
def orm_beside_the_event_loop():
    """Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from
    a thread with a running loop unless told that this is deliberate (the tests' own data
    set-up). Only for this module: left in the environment, it would reach later subprocesses
    (and fail ``check --deploy``)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server):
    """A small archive: 30 reports over three years, two leaders who meet, places, sources."""
    putin = make_person(name="Browser Putin", leader=True)
    nazarbayev = make_person(name="Browser Nazarbayev", leader=True)
    lukashenko = make_person(name="Browser Lukashenko", leader=True)
    moscow, astana = make_place(name="Moscow"), make_place(name="Astana")
    sources = [make_source(name="Tengrinews"), make_source(name="Akorda")]
    for number in range(30):
        guest = nazarbayev if number % 2 else lukashenko
        place = moscow if number % 3 else astana
        article = make_article(
            title=f"Browser Putin meets {guest.name.split()[-1]} in {place.name} ({number})",
            body=f"Browser Putin met {guest.name} in {place.name}.\nThey discussed gas and trade.",
            published=datetime.date(2012 + number % 3, 1 + number % 12, 1 + number % 28),
            source=sources[number % 2],
            participants=[putin, guest],
            places=[place],
        )
        make_event(
            date=article.published_date,
            place=place,
            participants=[putin, guest],
            articles=[article],
        )
    make_article(
        title="Pipeline agreement signed",
        body="Browser Nazarbayev signed the pipeline agreement.",
        published=datetime.date(2014, 6, 5),
        participants=[nazarbayev],
    )
    return live_server.url


class Watched:
    """A page that records console errors, page errors and requests to other hosts."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.problems: list[str] = []
        page.on(
            "console",
            lambda message: (
                message.type == "error" and self.problems.append(f"console: {message.text}")
            ),
        )
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on(
            "request",
            lambda request: (
                request.url.startswith((base_url, "data:"))
                or self.problems.append(f"external request: {request.url}")
            ),
        )

    def shot(self, name: str) -> None:
        """Save a full-page screenshot; a page wider than the window is a problem too."""
        overflow = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            self.problems.append(f"{name}: {overflow}px wider than the window")
        SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS_DIR / f"{name}.png"), full_page=True)


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def viewport(request):
    return request.param


@pytest.fixture
def page(browser, site, viewport):
    context = browser.new_context(viewport=viewport, base_url=site)
    watched = Watched(context.new_page(), site)
    watched.page.set_default_timeout(10_000)
    watched.suffix = "phone" if viewport == PHONE else "desktop"
    yield watched
    context.close()
    assert watched.problems == []


def test_searching_from_the_header_finds_the_article(page):
    page.page.goto("/")
    page.shot(f"home-{page.suffix}")
    page.page.get_by_label("Search articles").fill("pipeline")
    page.page.get_by_label("Search articles").press("Enter")
    page.page.wait_for_url(re.compile(r"/articles/\?q=pipeline"))
    results = page.page.locator(".result-title")
    assert results.all_inner_texts() == ["Pipeline agreement signed"]
    assert "pipeline" in page.page.title()
    page.shot(f"search-{page.suffix}")


def test_a_facet_narrows_the_results_and_its_chip_removes_it(page):
    page.page.goto("/articles/")
    assert "31 articles" in page.page.locator(".result-count").inner_text()
    page.page.locator(".facet").filter(has_text="People").get_by_role(
        "link", name="Browser Nazarbayev"
    ).click()
    page.page.wait_for_url(re.compile(r"person=browser-nazarbayev"))
    assert "16 articles" in page.page.locator(".result-count").inner_text()
    page.shot(f"facet-{page.suffix}")
    page.page.get_by_role("link", name="Remove filter Person: Browser Nazarbayev").click()
    page.page.wait_for_url(re.compile(r"/articles/\?$"))
    assert "31 articles" in page.page.locator(".result-count").inner_text()


def test_paging_through_results_keeps_the_filters(page):
    page.page.goto("/articles/?source=tengrinews")
    assert "Page 1 of 1" not in page.page.content()
    page.page.goto("/articles/?sort=oldest")
    page.page.get_by_role("link", name="Next →").click()
    page.page.wait_for_url(re.compile(r"sort=oldest&page=2"))
    assert "Page 2 of 2" in page.page.locator(".pagination").inner_text()
    page.page.get_by_role("link", name="← Previous").click()
    page.page.wait_for_url(re.compile(r"sort=oldest&page=1"))


def test_opening_an_article_then_following_a_person(page):
    page.page.goto("/articles/?q=pipeline")
    page.page.get_by_role("link", name="Pipeline agreement signed").click()
    page.page.wait_for_url(re.compile(r"/articles/\d+/pipeline-agreement-signed/"))
    assert page.page.locator("h1").inner_text() == "Pipeline agreement signed"
    assert page.page.locator("mark").first.inner_text().lower() == "pipeline"
    page.shot(f"article-{page.suffix}")
    page.page.locator(".article-facts").get_by_role("link", name="Browser Nazarbayev").click()
    page.page.wait_for_url(re.compile(r"/people/browser-nazarbayev/"))
    assert page.page.locator("h1").inner_text() == "Browser Nazarbayev"
    assert "Browser Putin" in page.page.locator("#met-title + ol").inner_text()
    page.shot(f"person-{page.suffix}")


def test_walking_the_date_archive_from_year_to_day(page):
    page.page.goto("/dates/")
    page.shot(f"dates-{page.suffix}")
    page.page.locator(".date-list").get_by_role("link", name="2013").click()
    page.page.wait_for_url(re.compile(r"/dates/2013/$"))
    page.shot(f"dates-year-{page.suffix}")
    page.page.locator(".date-list a").first.click()
    page.page.wait_for_url(re.compile(r"/dates/2013/\d\d/$"))
    page.page.locator(".date-list a").first.click()
    page.page.wait_for_url(re.compile(r"/dates/2013/\d\d/\d\d/$"))
    assert page.page.locator(".result").count() >= 1
    page.shot(f"dates-day-{page.suffix}")


def test_people_and_events_pages_render(page):
    page.page.goto("/people/")
    page.shot(f"people-{page.suffix}")
    page.page.goto("/events/")
    page.shot(f"events-{page.suffix}")
    page.page.locator("tbody a").first.click()
    page.page.wait_for_url(re.compile(r"/events/\d+/$"))
    assert "Browser Putin" in page.page.locator(".facts").inner_text()
    page.shot(f"event-{page.suffix}")


def test_the_first_tab_reaches_the_skip_link(page):
    page.page.goto("/articles/")
    page.page.keyboard.press("Tab")
    assert page.page.evaluate("document.activeElement.textContent") == "Skip to content"
