"""Extraction over the real knowledge base: the seed pages, every labelled page, the evaluation."""

import datetime
import json

import pytest

from articles.corpus import write_corpus
from articles.importer import evaluate
from articles.importer.extraction import extract_page
from articles.importer.knowledge_json import KNOWLEDGE_BASE_PATH, knowledge_from_json

LABELLED = sorted(evaluate.PAGES_DIR.glob("*.json"))


@pytest.fixture(scope="module")
def knowledge():
    return knowledge_from_json(json.loads(KNOWLEDGE_BASE_PATH.read_text(encoding="utf-8")))


@pytest.fixture
def first_seed(seeds_dir, knowledge):
    text = (seeds_dir / "000_38f66a986922ee89.txt").read_text(encoding="utf-8")
    return extract_page(text, knowledge)


@pytest.fixture
def second_seed(seeds_dir, knowledge):
    text = (seeds_dir / "004_3192f9652ecbb34f.txt").read_text(encoding="utf-8")
    return extract_page(text, knowledge)


def test_first_seed_metadata(first_seed):
    assert first_seed.title == "Putin meets Nazarbayev in Moscow"
    assert first_seed.published == datetime.date(2014, 12, 23)
    assert first_seed.published_time == datetime.time(20, 33)
    assert first_seed.language == "en"
    assert first_seed.source == "Tengrinews"
    assert first_seed.bylines == ["Renat Tashkinbayev", "Dinara Urazova"]


def test_first_seed_people_places_and_organizations(first_seed):
    assert [person.name for person in first_seed.people] == [
        "Vladimir Putin",
        "Nursultan Nazarbayev",
        "Petro Poroshenko",
    ]
    # The knowledge base's canonical name for Kiev is Kyiv.
    assert [place.name for place in first_seed.places] == ["Moscow", "Almaty", "Kyiv"]
    assert {
        "Eurasian Economic Union",
        "Collective Security Treaty Organization",
        "Supreme Eurasian Economic Council",
    } <= {organization.name for organization in first_seed.organizations}


def test_first_seed_main_event_is_the_meeting_in_moscow(first_seed):
    main = first_seed.events[0]
    assert (main.kind, main.date, main.place) == ("meeting", datetime.date(2014, 12, 22), "Moscow")
    assert set(main.participants) == {"Vladimir Putin", "Nursultan Nazarbayev"}
    assert {"signing", "session"} <= {event.kind for event in first_seed.events}


def test_first_seed_quotes_have_their_speakers(first_seed):
    assert [quote.speaker for quote in first_seed.quotes] == [
        "Nursultan Nazarbayev",
        "Nursultan Nazarbayev",
        "Vladimir Putin",
        "Nursultan Nazarbayev",
    ]


def test_second_seed_resolves_the_office_and_the_initial(second_seed):
    assert second_seed.title == "Nursultan Nazarbayev held talks with Russian President in Sochi"
    assert second_seed.published == datetime.date(2018, 5, 15)
    assert second_seed.source == "Kazakhstan 2050"
    assert second_seed.bylines == []
    assert [person.name for person in second_seed.people] == [
        "Nursultan Nazarbayev",
        "Vladimir Putin",
    ]
    assert [place.name for place in second_seed.places] == ["Sochi"]
    assert "Eurasian Economic Union" in [org.name for org in second_seed.organizations]


def test_second_seed_talks_take_the_publication_date(second_seed):
    # The page names no day for the talks: the publication day is the best evidence.
    [talks] = second_seed.events
    assert (talks.kind, talks.date, talks.place) == ("talks", datetime.date(2018, 5, 15), "Sochi")
    assert set(talks.participants) == {"Nursultan Nazarbayev", "Vladimir Putin"}


def test_second_seed_quotes_are_attributed_by_office_and_initial(second_seed):
    assert [quote.speaker for quote in second_seed.quotes] == [
        "Nursultan Nazarbayev",
        "Nursultan Nazarbayev",
        "Nursultan Nazarbayev",
        "Vladimir Putin",
    ]


def test_there_are_at_least_25_labelled_pages():
    assert len(LABELLED) >= 25


@pytest.mark.parametrize("expected_path", LABELLED, ids=lambda path: path.stem)
def test_labelled_page(expected_path, knowledge):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    text = expected_path.with_suffix(".txt").read_text(encoding="utf-8")
    got = evaluate.record_of(extract_page(text, knowledge))
    # Fields a page documents as beyond the extractor are still scored by the evaluation.
    for field in expected.keys() - set(expected.get("known_gaps", {})) - {"known_gaps"}:
        assert got[field] == expected[field], field


def test_the_evaluation_runs_and_recalls_people_and_dates(capsys):
    assert evaluate.main([]) == 0
    output = capsys.readouterr().out
    assert "people" in output
    scores = evaluate.evaluate(
        evaluate.labelled_pages(), knowledge_from_json(json.loads(KNOWLEDGE_BASE_PATH.read_text()))
    )
    assert scores["people"].recall >= 0.9
    assert scores["published"].recall >= 0.9
    assert scores["event_kind"].recall >= 0.8


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "«",
        "“an unclosed quote runs to the end of the page",
        "Source:",
        "Автор:",
        "1. 2. 3.",
        "a" * 20000,
        "Putin met Lukashenko. " * 2000,
        "Thursday, September 23rd, 2021",
    ],
    ids=lambda text: repr(text[:20]),
)
def test_odd_pages_do_not_break_extraction(text, knowledge):
    extraction = extract_page(text, knowledge)
    assert isinstance(extraction.title, str)


def test_extraction_agrees_with_the_generated_corpus_ground_truth(tmp_path, knowledge):
    write_corpus(tmp_path, 150, seed="extraction-test", manifest=True)
    scores = evaluate.evaluate(evaluate.labelled_pages(tmp_path), knowledge)
    for field in ("title", "published", "source", "people", "places", "event_kind"):
        assert scores[field].recall >= 0.95, field
        assert scores[field].precision >= 0.95, field
    assert scores["event_date"].recall >= 0.9
