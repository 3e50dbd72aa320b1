"""/articles/export.csv, /articles/export.json and /articles/feed/: the list's result set."""

import csv
import datetime
import io
import json
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest

from articles import exports
from tests.factories import (
    make_article,
    make_event,
    make_organization,
    make_person,
    make_place,
    make_quote,
    make_source,
)

pytestmark = pytest.mark.django_db

RECORD_FIELDS = {
    "id",
    "url",
    "file",
    "sha256",
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
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def data(module_transaction):
    putin = make_person(name="Export Putin")
    nazarbayev = make_person(name="Export Nazarbayev")
    journalist = make_person(name="Export Journalist")
    moscow = make_place(name="Export Moscow")
    main = make_article(
        title="Putin meets Nazarbayev, “in Moscow”",
        published=datetime.date(2014, 12, 23),
        language="en",
        source=make_source(name="Export Source"),
        bylines=["Export Journalist"],
        participants=[putin, nazarbayev],
        authors=[journalist],
        places=[moscow],
        organizations=[make_organization(name="Export Union")],
    )
    make_event(
        kind="meeting",
        date=datetime.date(2014, 12, 22),
        place=moscow,
        participants=[nazarbayev, putin],
        articles=[main],
    )
    make_quote(article=main, speaker=nazarbayev, text="Together, we are strong.")
    others = [
        make_article(title=f"Other export {number}", participants=[putin]) for number in range(20)
    ]
    return SimpleNamespace(putin=putin, nazarbayev=nazarbayev, main=main, others=others)


def body(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def test_the_json_export_holds_extraction_records_with_id_and_url(client, data):
    response = client.get("/articles/export.json", {"person": data.nazarbayev.slug})
    assert response["Content-Type"] == "application/json"
    records = json.loads(body(response))
    assert records == [
        {
            "id": data.main.pk,
            "url": f"http://testserver{data.main.get_absolute_url()}",
            "file": data.main.file_name,
            "sha256": data.main.sha256,
            "title": "Putin meets Nazarbayev, “in Moscow”",
            "published": "2014-12-23",
            "language": "en",
            "source": "Export Source",
            "bylines": ["Export Journalist"],
            "people": ["Export Putin", "Export Nazarbayev"],
            "places": ["Export Moscow"],
            "organizations": ["Export Union"],
            "events": [
                {
                    "kind": "meeting",
                    "date": "2014-12-22",
                    "place": "Export Moscow",
                    "participants": ["Export Nazarbayev", "Export Putin"],
                }
            ],
            "quotes": [{"speaker": "Export Nazarbayev", "text": "Together, we are strong."}],
        }
    ]


def test_the_csv_export_has_one_row_per_article_of_the_result_set(client, data):
    response = client.get("/articles/export.csv", {"person": data.putin.slug, "sort": "oldest"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert set(rows[0]) == RECORD_FIELDS
    assert len(rows) == 21
    main = next(row for row in rows if row["id"] == str(data.main.pk))
    assert main["people"] == "Export Putin; Export Nazarbayev"
    assert json.loads(main["events"])[0]["place"] == "Export Moscow"


def test_exports_list_the_same_articles_as_the_page(client, data):
    params = {"person": data.putin.slug, "sort": "oldest"}
    page_ids = [article.pk for article in client.get("/articles/", params).context["page"]]
    records = json.loads(body(client.get("/articles/export.json", params)))
    assert [record["id"] for record in records][: len(page_ids)] == page_ids


def test_exports_read_in_chunks_with_a_fixed_number_of_queries_per_chunk(
    client, data, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 100)
    with django_assert_max_num_queries(12) as captured:
        body(client.get("/articles/export.json", {"person": data.putin.slug}))
    monkeypatch.setattr(exports, "CHUNK_SIZE", 5)
    with django_assert_max_num_queries(60) as chunked:
        records = json.loads(body(client.get("/articles/export.json")))
    assert len(records) >= 21
    # Five chunks of 21 rows: the prefetch queries repeat per chunk, never per row.
    assert len(chunked.captured_queries) < len(captured.captured_queries) * 6


@pytest.mark.parametrize(
    "url", ["/articles/export.csv", "/articles/export.json", "/articles/feed/"]
)
def test_exports_refuse_bad_parameters_with_400(client, data, url):
    response = client.get(url, {"date_after": "2014-13-45"})
    assert response.status_code == 400
    assert "date_after: Enter a date as YYYY-MM-DD." in response.content.decode()


def test_the_feed_is_atom_with_the_filtered_articles(client, data):
    response = client.get("/articles/feed/", {"person": data.nazarbayev.slug})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [data.main.title]
    assert entries[0].findtext(f"{ATOM}published").startswith("2014-12-23T00:00:00")
    link = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert link == f"http://testserver/articles/?person={data.nazarbayev.slug}"


def test_an_undated_article_without_source_exports_nulls_and_blanks(client, data):
    bare = make_article(title="Bare page", published=None, bylines=[])
    params = {"q": "Bare page"}
    [record] = json.loads(body(client.get("/articles/export.json", params)))
    assert (record["published"], record["source"], record["events"]) == (None, None, [])
    [row] = list(csv.DictReader(io.StringIO(body(client.get("/articles/export.csv", params)))))
    assert (row["published"], row["source"], row["people"]) == ("", "", "")
    assert client.get(bare.get_absolute_url()).status_code == 200
    assert b"undated" in client.get("/articles/", params).content
    feed = ElementTree.fromstring(client.get("/articles/feed/", params).content)
    assert feed.find(f"{ATOM}entry/{ATOM}published") is not None


def test_a_filtered_list_announces_its_own_feed(client, data):
    html = client.get("/articles/", {"person": data.putin.slug, "page": "1"}).content.decode()
    assert f'title="These results" href="/articles/feed/?person={data.putin.slug}"' in html


def test_a_csv_cell_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe(client, data):
    make_article(title='=HYPERLINK("http://evil.example","Summit")', bylines=["@SUM(1+1)"])
    params = {"q": "HYPERLINK"}
    [row] = list(csv.DictReader(io.StringIO(body(client.get("/articles/export.csv", params)))))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","Summit")'
    assert row["bylines"] == "'@SUM(1+1)"
    [record] = json.loads(body(client.get("/articles/export.json", params)))
    assert record["title"] == '=HYPERLINK("http://evil.example","Summit")'


def test_an_export_of_a_search_holds_every_match_not_the_ranked_window(client, monkeypatch):
    from articles import search

    for day in range(1, 4):
        make_article(title=f"Windowtestword talks {day}", published=datetime.date(2020, 1, day))
    # PostgreSQL ranks only the newest RESULT_WINDOW + 1 matches for relevance.
    monkeypatch.setattr(search, "RESULT_WINDOW", 1)
    params = {"q": "Windowtestword"}
    rows = list(csv.DictReader(io.StringIO(body(client.get("/articles/export.csv", params)))))
    assert [row["title"] for row in rows] == [f"Windowtestword talks {day}" for day in (3, 2, 1)]
    assert len(json.loads(body(client.get("/articles/export.json", params)))) == 3
