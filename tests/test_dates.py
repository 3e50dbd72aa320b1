"""Dates: absolute forms in English and Russian, relative ones, and the publication date."""

import datetime

import pytest

from articles.importer.cleaning import clean_page
from articles.importer.dates import find_dates, find_relative_dates
from articles.importer.metadata import publication_date

BASE = datetime.date(2018, 5, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23 декабря 2014, 20:33", "2014-12-23 20:33"),
        ("May 15, 2018", "2018-05-15"),
        ("15.05.2018", "2018-05-15"),
        ("2018-05-15", "2018-05-15"),
        ("2018-05-15T09:05", "2018-05-15 09:05"),
        ("Thursday, September 23rd, 2021", "2021-09-23"),
        ("the 1st of March 2019 at 10:15", "2019-03-01 10:15"),
        ("3 марта 2020 года", "2020-03-03"),
        ("4 дек. 2020", "2020-12-04"),
    ],
)
def test_complete_dates_are_read_in_english_and_russian(text, expected):
    [found] = find_dates(f"Published {text}.")
    written = found.date.isoformat() + (f" {found.time:%H:%M}" if found.time else "")
    assert written == expected


def test_numbers_that_are_not_dates_are_ignored():
    assert find_dates("Turnover grew 30 percent to 16.05 billion in 2018 and 1999.") == []


def resolved(text: str, base: datetime.date = BASE) -> list[tuple[str, str]]:
    return [(found.date.isoformat(), found.precision) for found in find_relative_dates(text, base)]


def test_a_date_without_a_year_takes_the_year_of_the_base():
    assert resolved("on May 14 the leaders met") == [("2018-05-14", "day")]


def test_a_date_without_a_year_later_than_the_base_is_last_years():
    assert resolved("on December 22 they met") == [("2017-12-22", "day")]


def test_an_ordinal_in_words_with_this_year_is_read():
    found = resolved("On the eighteenth of March this year, a historic event")
    assert ("2018-03-18", "day") in found


def test_russian_dates_without_a_year_are_read():
    assert resolved("22 декабря в Москве") == [("2017-12-22", "day")]
    assert ("2017-03-18", "day") in resolved("18 марта в прошлом году")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", ("2018-05-15", "day")),
        ("yesterday", ("2018-05-14", "day")),
        ("вчера", ("2018-05-14", "day")),
        ("last year", ("2017-01-01", "year")),
        ("в прошлом году", ("2017-01-01", "year")),
        ("last week", ("2018-05-08", "month")),
        ("2 дня назад", ("2018-05-13", "day")),
        ("накануне", ("2018-05-14", "day")),
        ("on Tuesday", ("2018-05-15", "day")),
        ("on Sunday", ("2018-05-13", "day")),
        ("во вторник", ("2018-05-15", "day")),
    ],
)
def test_relative_expressions_resolve_against_the_base(text, expected):
    assert resolved(f"It happened {text}, officials said") == [expected]


def published(page: str) -> tuple[str | None, str | None]:
    found = publication_date(clean_page(page))
    return (
        found.date.isoformat() if found.date else None,
        f"{found.time:%H:%M}" if found.time else None,
    )


BODY = "The president met his counterpart for talks on trade and security in the capital."


def test_the_date_glued_to_the_title_is_the_publication_date():
    page = f"Putin meets Nazarbayev in Moscow 23 декабря 2014, 20:33\n\n{BODY}"
    assert published(page) == ("2014-12-23", "20:33")


def test_a_byline_date_after_the_title_beats_a_scrape_date_above_it():
    page = (
        "Thursday, September 23rd, 2021\n\nLeaders hold talks in Sochi\n\n"
        f"by May 15, 2018 Market\n\n{BODY}"
    )
    assert published(page) == ("2018-05-15", None)


def test_a_lone_date_above_the_title_is_rejected_when_the_body_reports_older_years():
    body = "In 2016 and 2017 the leaders met twice to discuss the pipeline across the Caspian Sea."
    page = f"Thursday, September 23rd, 2021\n\nLeaders review pipeline plans\n\n{body}"
    assert published(page) == (None, None)


def test_a_lone_date_above_the_title_is_used_when_nothing_contradicts_it():
    page = f"15.05.2018\n\nLeaders hold talks in Sochi\n\n{BODY}"
    assert published(page) == ("2018-05-15", None)


def test_a_page_without_a_date_has_none_and_a_warning():
    found = publication_date(clean_page(f"Leaders hold talks in Sochi\n\n{BODY}"))
    assert found.date is None
    assert found.warning == "no publication date found"
