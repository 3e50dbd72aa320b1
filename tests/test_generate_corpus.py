"""The synthetic corpus: reproducible pages whose manifest tells the truth about what they say."""

import hashlib
import json
import re
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.corpus import (
    EVENT_KINDS,
    KNOWLEDGE_BASE_PATH,
    MANIFEST_NAME,
    CorpusGenerator,
    load_knowledge,
    write_corpus,
)


def _office(country, start, end=None, title="President", head_of_state=True):
    return {
        "title": title,
        "country": country,
        "head_of_state": head_of_state,
        "head_of_government": not head_of_state,
        "start": start,
        "end": end,
        "acting": False,
    }


def _person(name, name_ru, country, offices):
    return {
        "name": name,
        "name_ru": name_ru,
        "country": country,
        "given_name": name.split()[0],
        "surname": name.split()[-1],
        "surname_ru": name_ru.split()[-1],
        "aliases": [],
        "offices": offices,
    }


def _place(name, name_ru, country, kind="city"):
    return {
        "name": name,
        "country": country,
        "kind": kind,
        "aliases": [{"name": name_ru, "language": "ru"}],
    }


SMALL_KNOWLEDGE = {
    "countries": [
        {
            "code": "RU",
            "name": "Russia",
            "aliases": [
                {"name": "Russian", "language": "en", "kind": "adjective"},
                {"name": "Россия", "language": "ru", "kind": "name"},
            ],
        },
        {
            "code": "KZ",
            "name": "Kazakhstan",
            "aliases": [
                {"name": "Kazakh", "language": "en", "kind": "adjective"},
                {"name": "Казахстан", "language": "ru", "kind": "name"},
            ],
        },
        {
            "code": "BY",
            "name": "Belarus",
            "aliases": [{"name": "Беларусь", "language": "ru", "kind": "name"}],
        },
    ],
    "people": [
        _person("Boris Yeltsin", "Борис Ельцин", "RU", [_office("RU", "1991-07-10", "1999-12-31")]),
        _person(
            "Vladimir Putin",
            "Владимир Путин",
            "RU",
            [
                _office("RU", "2000-05-07", "2008-05-07"),
                _office("RU", "2008-05-08", "2012-05-07", "Prime Minister", head_of_state=False),
                _office("RU", "2012-05-07"),
            ],
        ),
        _person(
            "Dmitry Medvedev", "Дмитрий Медведев", "RU", [_office("RU", "2008-05-07", "2012-05-07")]
        ),
        _person(
            "Nursultan Nazarbayev",
            "Нурсултан Назарбаев",
            "KZ",
            [_office("KZ", "1990-04-24", "2019-03-20")],
        ),
        _person(
            "Kassym-Jomart Tokayev", "Касым-Жомарт Токаев", "KZ", [_office("KZ", "2019-03-20")]
        ),
        _person("Alexander Lukashenko", "Александр Лукашенко", "BY", [_office("BY", "1994-07-20")]),
        _person(
            "Nikol Pashinyan",
            "Никол Пашинян",
            "AM",
            [_office("AM", "2018-05-08", None, "Prime Minister", head_of_state=False)],
        ),
    ],
    "places": [
        _place("Moscow", "Москва", "RU"),
        _place("Sochi", "Сочи", "RU"),
        _place("Almaty", "Алматы", "KZ"),
        _place("Minsk", "Минск", "BY"),
        _place("Belarus", "Беларусь", "BY", kind="country"),
    ],
    "organizations": [
        {
            "name": "Collective Security Treaty Organization",
            "name_ru": "Организация Договора о коллективной безопасности",
            "aliases": [
                {"name": "CSTO", "language": "en", "kind": "acronym"},
                {"name": "ОДКБ", "language": "ru", "kind": "acronym"},
            ],
        },
        {
            "name": "Eurasian Economic Union",
            "name_ru": "Евразийский экономический союз",
            "aliases": [],
        },
    ],
    "sources": [
        {"name": "Tengrinews", "url": "https://tengrinews.kz", "country": "KZ", "aliases": []},
        {"name": "BelTA", "url": "https://www.belta.by", "country": "BY", "aliases": []},
    ],
}

EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
RU_MONTHS = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]  # fmt: skip
DATE_PATTERNS = [
    (re.compile(rf"\b(\d{{1,2}}) ({'|'.join(RU_MONTHS)}) (\d{{4}})"), "d m_ru y"),
    (re.compile(rf"\b({'|'.join(EN_MONTHS)}) (\d{{1,2}})(?:st|nd|rd|th)?, (\d{{4}})"), "m_en d y"),
    (re.compile(rf"\b(\d{{1,2}}) ({'|'.join(EN_MONTHS)}) (\d{{4}})"), "d m_en y"),
    (re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b"), "d m y"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "y m d"),
]


def dates_in(line: str) -> list[date]:
    """Every absolute date written in ``line``, in the order they appear."""
    found = []
    for pattern, layout in DATE_PATTERNS:
        for match in pattern.finditer(line):
            parts = dict(zip(layout.split(), match.groups(), strict=True))
            if "m_ru" in parts:
                month = RU_MONTHS.index(parts["m_ru"]) + 1
            elif "m_en" in parts:
                month = EN_MONTHS.index(parts["m_en"]) + 1
            else:
                month = int(parts["m"])
            found.append((match.start(), date(int(parts["y"]), month, int(parts["d"]))))
    return [day for _, day in sorted(found)]


def generate(tmp_path, name="corpus", count=40, seed=1, knowledge=SMALL_KNOWLEDGE):
    """Write a corpus with a manifest; return its folder and the manifest records."""
    out_dir = tmp_path / name
    write_corpus(out_dir, count, seed=seed, knowledge=knowledge, manifest=True)
    lines = (out_dir / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    return out_dir, [json.loads(line) for line in lines]


def page_files(out_dir):
    return {path.name: path.read_bytes() for path in sorted(out_dir.glob("*.txt"))}


def heads_of_state(knowledge, day: date) -> set[str]:
    """Names of those holding a head-of-state office on ``day`` (terms inclusive)."""
    names = set()
    for person in knowledge["people"]:
        for office in person.get("offices", []):
            end = office.get("end") or "9999-12-31"
            if office.get("head_of_state") and office["start"] <= day.isoformat() <= end:
                names.add(person["name"])
    return names


def stem(word: str) -> str:
    """A Russian word without a final vowel or soft sign, to find it in any case."""
    return word[:-1] if word[-1] in "аяоеиуыьй" else word


def test_same_seed_gives_identical_pages(tmp_path):
    first, _ = generate(tmp_path, "first", seed=3)
    second, _ = generate(tmp_path, "second", seed=3)
    assert page_files(first) == page_files(second)
    assert len(page_files(first)) == 40


def test_different_seed_gives_different_pages(tmp_path):
    first, _ = generate(tmp_path, "first", seed=3)
    second, _ = generate(tmp_path, "second", seed=4)
    assert set(page_files(first).values()).isdisjoint(page_files(second).values())


def test_page_does_not_depend_on_count(tmp_path):
    five = page_files(generate(tmp_path, "five", count=5)[0])
    ten = page_files(generate(tmp_path, "ten", count=10)[0])
    assert len(ten) == 10
    assert five == {name: text for name, text in ten.items() if name < "000005"}


def test_file_name_is_index_and_hash_of_the_text(tmp_path):
    out_dir, records = generate(tmp_path, count=12)
    for index, record in enumerate(records):
        path = out_dir / record["file"]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        assert record["file"] == f"{index:06d}_{digest}.txt"


@pytest.fixture(params=["small", "real"])
def knowledge(request):
    """The small knowledge base above, then the app's real one (once it is written)."""
    if request.param == "small":
        return SMALL_KNOWLEDGE
    if not KNOWLEDGE_BASE_PATH.exists():
        pytest.skip(f"{KNOWLEDGE_BASE_PATH} is not written yet")
    return load_knowledge()


def test_published_date_is_the_first_date_from_the_title_on(tmp_path, knowledge):
    """The manifest's date is the first one from the title on; a scrape date above it is later."""
    out_dir, records = generate(tmp_path, count=200, knowledge=knowledge)
    for record in records:
        lines = (out_dir / record["file"]).read_text(encoding="utf-8").splitlines()
        title_at = next(i for i, line in enumerate(lines) if line.startswith(record["title"]))
        published = date.fromisoformat(record["published"])
        near_title = [lines[title_at][len(record["title"]) :]]
        near_title += [line for line in lines[title_at + 1 :] if line.strip()][:3]
        first_date = next(d for line in near_title for d in dates_in(line))
        assert first_date == published, record["file"]
        for line in lines[:title_at]:
            assert all(scraped > published for scraped in dates_in(line)), record["file"]


def test_participants_held_head_of_state_office_on_the_event_date(tmp_path, knowledge):
    _, records = generate(tmp_path, count=300, knowledge=knowledge)
    for record in records:
        event = record["event"]
        in_office = heads_of_state(knowledge, date.fromisoformat(event["date"]))
        in_office_when_published = heads_of_state(
            knowledge, date.fromisoformat(record["published"])
        )
        assert len(event["participants"]) >= 2
        assert set(event["participants"]) <= in_office & in_office_when_published, record["file"]
        assert "1995-01-01" <= event["date"] <= record["published"] <= "2025-12-31"
    assert Counter(r["event"]["kind"] for r in records).keys() == set(EVENT_KINDS)


def test_about_ten_percent_of_pages_are_russian(tmp_path, knowledge):
    _, records = generate(tmp_path, count=200, knowledge=knowledge)
    languages = Counter(record["language"] for record in records)
    assert 10 <= languages["ru"] <= 32
    for record in records:
        cyrillic_title = bool(re.search("[а-яА-Я]", record["title"]))
        assert cyrillic_title == (record["language"] == "ru"), record["title"]


def russian_alias(item: dict) -> str:
    return next(alias["name"] for alias in item["aliases"] if alias["language"] == "ru")


def test_manifest_names_only_what_the_page_says(tmp_path, knowledge):
    out_dir, records = generate(tmp_path, count=200, knowledge=knowledge)
    people = {person["name"]: person for person in knowledge["people"]}
    places = {place["name"]: place for place in knowledge["places"]}
    cities = [name for name, place in places.items() if place["kind"] == "city"]
    organizations = {org["name"]: org for org in knowledge["organizations"]}
    for record in records:
        text = (out_dir / record["file"]).read_text(encoding="utf-8")
        russian = record["language"] == "ru"
        assert record["source"] in text
        assert all(byline in text for byline in record["bylines"])
        assert not set(record["bylines"]) & set(people)
        assert set(record["event"]["participants"]) <= set(record["people"])
        for name in record["people"]:
            words = people[name]["name_ru"].split() if russian else [name]
            assert all(stem(word) in text for word in words), (record["file"], name)
        for name in record["places"]:
            assert places[name]["kind"] == "city"
            written = russian_alias(places[name]) if russian else name
            assert stem(written) in text, (record["file"], name)
        assert record["event"]["place"] in [*record["places"], None]
        for name in record["organizations"]:
            org = organizations[name]
            forms = [org["name_ru"] if russian else name]
            forms += [alias["name"] for alias in org["aliases"]]
            assert any(form in text for form in forms), (record["file"], name)
        if not russian:
            article = text.replace(record["source"], "")
            for name in record["organizations"]:  # "Shanghai" in an organization is no place
                article = article.replace(name, "")
            assert {name for name in people if name in article} == set(record["people"])
            named = {name for name in cities if re.search(rf"\b{re.escape(name)}\b", article)}
            assert named == set(record["places"]), record["file"]


def test_pages_carry_the_seed_pages_kinds_of_noise(tmp_path):
    out_dir, _ = generate(tmp_path, count=200)
    corpus = "\n".join(text.decode("utf-8") for text in page_files(out_dir).values())
    for noise in (
        "Skip to Content",
        "Реклама +7(7",
        "  1. ",
        "  • ",
        "Join Telegram",
        "Found a bug?",
        "Photo courtesy of",
        "Source: ",
        "Reporting by ",
        "Author: ",
        "Tags: ",
        "held a telephone conversation",
        "a regular session of",
        "yesterday",
        "this year",
        "Президент",
        "Глава государства",
    ):
        assert noise in corpus, noise
    assert re.search(r"\n(?!by )[a-z]\w* ", corpus), "no paragraph lost its first letter"
    assert re.search(r"\n\w+day, \w+ \d{1,2}(st|nd|rd|th), \d{4}\n", corpus), "no scrape date"


def test_pages_stay_inside_a_short_overlap_of_terms(tmp_path):
    """Event and publication fall on days both leaders hold office, changeover days excluded."""
    brief = _person("Ivan Brief", "Иван Краткий", "KZ", [_office("KZ", "2010-01-01", "2010-01-05")])
    knowledge = {**SMALL_KNOWLEDGE, "people": [SMALL_KNOWLEDGE["people"][-2], brief]}
    _, records = generate(tmp_path, count=60, knowledge=knowledge)
    for record in records:
        assert "2010-01-02" <= record["event"]["date"] <= record["published"] <= "2010-01-04"
        assert record["event"]["participants"] == ["Alexander Lukashenko", "Ivan Brief"]


def test_knowledge_without_two_heads_of_state_at_once_is_rejected():
    lonely = {**SMALL_KNOWLEDGE, "people": SMALL_KNOWLEDGE["people"][:1]}
    with pytest.raises(ValueError, match="two countries"):
        CorpusGenerator(lonely, seed=1)


@pytest.fixture
def small_knowledge_file(tmp_path):
    path = tmp_path / "knowledge.json"
    path.write_text(json.dumps(SMALL_KNOWLEDGE), encoding="utf-8")
    return path


def test_command_writes_count_pages_and_prints_a_summary(tmp_path, small_knowledge_file):
    out_dir = tmp_path / "new" / "folder"
    stdout = StringIO()
    call_command(
        "generate_corpus",
        str(out_dir),
        count=7,
        seed=5,
        knowledge=small_knowledge_file,
        stdout=stdout,
    )
    assert stdout.getvalue() == f"wrote 7 pages to {out_dir}\n"
    assert len(list(out_dir.glob("*.txt"))) == 7
    assert not (out_dir / MANIFEST_NAME).exists()
    expected = tmp_path / "expected"
    write_corpus(expected, 7, seed="5", knowledge=SMALL_KNOWLEDGE)
    assert page_files(out_dir) == page_files(expected)


def test_command_manifest_lists_every_page(tmp_path, small_knowledge_file):
    call_command(
        "generate_corpus",
        str(tmp_path),
        count=9,
        manifest=True,
        knowledge=small_knowledge_file,
        stdout=StringIO(),
    )
    lines = (tmp_path / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    files = [json.loads(line)["file"] for line in lines]
    assert files == sorted(path.name for path in tmp_path.glob("*.txt"))
    assert len(files) == 9


def test_command_refuses_a_negative_count(tmp_path, small_knowledge_file):
    with pytest.raises(CommandError, match="count"):
        call_command("generate_corpus", str(tmp_path), count=-1, knowledge=small_knowledge_file)
