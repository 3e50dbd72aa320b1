"""Precision and recall of extraction per field over the labelled pages.

``python -m articles.importer.evaluate [FOLDER ...]`` reads every ``NN_name.json`` expected record
in the folders (default: ``tests/pages``) with the page beside it (``NN_name.txt``); expected
records in a ``seeds`` subfolder name pages kept outside the repository, in ``../shared/seeds``,
and count when those pages are present. A folder written by ``generate_corpus --manifest`` is
scored against its ``manifest.jsonl`` instead, on the fields the manifest states (its one event
is the main event). Reads the knowledge base from its JSON file: no database.
"""

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from articles.importer.extraction import extract_page
from articles.importer.knowledge_json import KNOWLEDGE_BASE_PATH, load_knowledge_file
from articles.importer.records import Extraction

REPOSITORY = Path(__file__).resolve().parents[2]
MANIFEST_NAME = "manifest.jsonl"  # written by generate_corpus --manifest
PAGES_DIR = REPOSITORY / "tests" / "pages"
SHARED_SEEDS_DIR = REPOSITORY.parent / "shared" / "seeds"
SCALAR_FIELDS = ("title", "published", "language", "source")
LIST_FIELDS = ("bylines", "people", "places", "organizations")
EVENT_FIELDS = ("event_kind", "event_date", "event_place", "event_participants")
FIELDS = (*SCALAR_FIELDS, *LIST_FIELDS, *EVENT_FIELDS, "quote_speakers")


def record_of(extraction: Extraction) -> dict:
    """The fields of ``extraction`` a labelled page states, in the expected records' shape."""
    record = extraction.contract_fields()
    for event in record["events"]:
        event["participants"].sort()
    record["quotes"] = [{"speaker": quote["speaker"]} for quote in record["quotes"]]
    return record


@dataclass(frozen=True)
class LabelledPage:
    name: str
    text: str
    expected: dict


def labelled_pages(folder: Path = PAGES_DIR, seeds: Path = SHARED_SEEDS_DIR) -> list[LabelledPage]:
    """The labelled pages of ``folder``, and the seed pages whose expectations it holds."""
    if (folder / MANIFEST_NAME).is_file():
        return _generated_pages(folder)
    pages = []
    for expected_path in sorted(folder.glob("*.json")):
        text_path = expected_path.with_suffix(".txt")
        pages.append(_labelled(expected_path, text_path))
    for expected_path in sorted((folder / "seeds").glob("*.json")):
        text_path = seeds / expected_path.with_suffix(".txt").name
        if text_path.is_file():
            pages.append(_labelled(expected_path, text_path))
    return pages


def _generated_pages(folder: Path) -> list[LabelledPage]:
    pages = []
    with (folder / MANIFEST_NAME).open(encoding="utf-8") as manifest:
        for line in manifest:
            record = json.loads(line)
            expected = {key: value for key, value in record.items() if key not in ("file", "event")}
            expected["events"] = [record["event"]]
            expected["main_event_only"] = True
            text = (folder / record["file"]).read_text(encoding="utf-8")
            pages.append(LabelledPage(record["file"], text, expected))
    return pages


def _labelled(expected_path: Path, text_path: Path) -> LabelledPage:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    return LabelledPage(text_path.name, text_path.read_text(encoding="utf-8"), expected)


@dataclass
class Score:
    correct: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def score(pairs: list[tuple[dict, dict]]) -> dict[str, Score]:
    """Per-field scores over (predicted, expected) records."""
    scores = {field: Score() for field in FIELDS}
    for predicted, expected in pairs:
        # A label scores only the fields it states: generated pages state no quotes.
        for field in SCALAR_FIELDS:
            if field not in expected:
                continue
            got, want = predicted[field], expected[field]
            scores[field].predicted += got is not None
            scores[field].expected += want is not None
            scores[field].correct += want is not None and got == want
        for field in LIST_FIELDS:
            if field not in expected:
                continue
            got, want = set(predicted[field]), set(expected[field])
            scores[field].predicted += len(got)
            scores[field].expected += len(want)
            scores[field].correct += len(got & want)
        events = predicted["events"][:1] if expected.get("main_event_only") else predicted["events"]
        _score_events(scores, events, expected.get("events", []))
        if "quotes" not in expected:
            continue
        got = Counter(quote["speaker"] for quote in predicted["quotes"] if quote["speaker"])
        want = Counter(quote["speaker"] for quote in expected["quotes"] if quote["speaker"])
        scores["quote_speakers"].predicted += sum(got.values())
        scores["quote_speakers"].expected += sum(want.values())
        scores["quote_speakers"].correct += sum((got & want).values())
    return scores


def _score_events(scores: dict[str, Score], predicted: list[dict], expected: list[dict]) -> None:
    """Pair each expected event with the first unpaired predicted one of its kind, then compare
    their dates, places and participants."""
    unpaired = list(predicted)
    scores["event_kind"].predicted += len(predicted)
    scores["event_kind"].expected += len(expected)
    for field in ("date", "place"):
        scores[f"event_{field}"].predicted += sum(event[field] is not None for event in predicted)
        scores[f"event_{field}"].expected += sum(event[field] is not None for event in expected)
    scores["event_participants"].predicted += sum(len(event["participants"]) for event in predicted)
    scores["event_participants"].expected += sum(len(event["participants"]) for event in expected)
    for want in expected:
        got = next((event for event in unpaired if event["kind"] == want["kind"]), None)
        if got is None:
            continue
        unpaired.remove(got)
        scores["event_kind"].correct += 1
        for field in ("date", "place"):
            same = want[field] is not None and got[field] == want[field]
            scores[f"event_{field}"].correct += same
        scores["event_participants"].correct += len(
            set(got["participants"]) & set(want["participants"])
        )


def evaluate(pages: list[LabelledPage], knowledge) -> dict[str, Score]:
    """Extract every page and score the results against the labels."""
    return score([(record_of(extract_page(page.text, knowledge)), page.expected) for page in pages])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[PAGES_DIR])
    parser.add_argument("--knowledge", type=Path, default=KNOWLEDGE_BASE_PATH)
    arguments = parser.parse_args(argv)
    pages = [page for folder in arguments.folders for page in labelled_pages(folder)]
    scores = evaluate(pages, load_knowledge_file(arguments.knowledge))
    print(f"{len(pages)} labelled pages")
    print(f"{'field':<20}{'precision':>10}{'recall':>8}{'correct':>9}{'found':>7}{'labelled':>10}")
    for field, result in scores.items():
        print(
            f"{field:<20}{result.precision:>10.2f}{result.recall:>8.2f}"
            f"{result.correct:>9}{result.predicted:>7}{result.expected:>10}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
