"""Events: kind, date (with precision), place and participants, the main event first."""

import datetime

import pytest

from articles.importer.extraction import extract_page
from tests.knowledge_factories import small_knowledge

KNOWLEDGE = small_knowledge()


def events(title: str, body: str, date: str = "23.12.2014"):
    return extract_page(f"{date}\n\n{title}\n\n{body}\n", KNOWLEDGE).events


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Putin and Lukashenko held a telephone conversation on the gas price.", "phone_call"),
        ("Putin held talks by phone with Lukashenko about the gas price.", "phone_call"),
        ("Путин и Лукашенко обсудили по телефону цены на газ и поставки нефти.", "phone_call"),
        ("Putin and Lukashenko attended the summit of the union state leaders.", "summit"),
        ("Lukashenko arrived in Moscow on an official visit at Putin's invitation.", "visit"),
        ("Putin and Lukashenko signed an agreement on the joint air defence system.", "signing"),
        ("Putin and Lukashenko attended a session of the CSTO in Moscow.", "session"),
        ("Putin and Lukashenko held talks on the gas price in the Kremlin.", "talks"),
        ("Putin met Lukashenko to discuss the gas price in the Kremlin.", "meeting"),
    ],
)
def test_the_event_kind_comes_from_the_words_that_name_it(sentence, kind):
    [event] = events("Leaders discuss cooperation and gas prices", sentence)
    assert event.kind == kind


def test_a_page_not_about_a_meeting_has_no_events():
    body = "Putin said inflation slowed to four percent as the central bank kept its rate."
    assert events("Inflation slows to four percent in Russia", body) == []


def test_the_main_event_is_the_one_the_title_names_with_details_from_the_body():
    body = (
        "Putin signed a decree on the budget. "
        "Putin held a meeting with Lukashenko on December 22 in the Kremlin in Moscow."
    )
    main = events("Putin meets Lukashenko", body)[0]
    assert (main.kind, main.date, main.place, main.participants) == (
        "meeting",
        datetime.date(2014, 12, 22),
        "Moscow",
        ["Vladimir Putin", "Alexander Lukashenko"],
    )


def test_the_main_event_without_a_date_of_its_own_takes_the_publication_date():
    [main] = events("Putin meets Lukashenko in Minsk", "They discussed the gas price for hours.")
    assert (main.date, main.precision, main.place) == (datetime.date(2014, 12, 23), "day", "Minsk")


@pytest.mark.parametrize(
    ("when", "date", "precision"),
    [
        ("Today, December 23,", "2014-12-23", "day"),
        ("Yesterday", "2014-12-22", "day"),
        ("On December 22", "2014-12-22", "day"),
        ("Last year", "2013-01-01", "year"),
        ("On the eighteenth of March this year", "2014-03-18", "day"),
    ],
)
def test_relative_event_dates_resolve_against_the_publication_date(when, date, precision):
    body = f"{when} Putin and Lukashenko held a session of the CSTO in Moscow."
    [event] = events("Security chiefs review the year", body)
    assert (event.date.isoformat(), event.precision) == (date, precision)


def test_a_date_in_quoted_speech_is_not_the_event_date():
    body = (
        "Putin met Lukashenko in Moscow. "
        '"We first met on the eighteenth of March last year, and we keep meeting," Putin said.'
    )
    [event] = events("Leaders talk about integration", body)
    assert event.date == datetime.date(2014, 12, 23)


def test_the_correspondent_reports_from_the_place_of_the_main_event():
    body = "Putin met Lukashenko late on Monday, a Tengrinews correspondent reports from Minsk."
    assert events("Leaders talk about integration", body)[0].place == "Minsk"


def test_a_back_reference_to_the_meeting_does_not_hide_the_signing():
    body = (
        "Putin met Lukashenko in Moscow. "
        "After the meeting, Putin and Lukashenko signed a protocol on customs."
    )
    assert [event.kind for event in events("Leaders meet in Moscow", body)] == [
        "meeting",
        "signing",
    ]


def test_participants_are_people_of_the_event_sentence_and_of_the_title():
    body = "The two presidents held talks in Minsk. Medvedev later commented on the outcome."
    [main] = events("Putin and Lukashenko hold talks", body)
    assert main.participants == ["Vladimir Putin", "Alexander Lukashenko"]


def test_people_in_the_main_event_are_participants_and_others_are_mentioned():
    page = (
        "23.12.2014\n\nPutin and Lukashenko hold talks\n\n"
        "The two presidents held talks in Minsk. Medvedev later commented on the outcome.\n"
    )
    roles = {person.name: person.role for person in extract_page(page, KNOWLEDGE).people}
    assert roles == {
        "Vladimir Putin": "participant",
        "Alexander Lukashenko": "participant",
        "Dmitry Medvedev": "mentioned",
    }


def test_an_agreement_signed_is_a_signing_even_in_the_passive():
    body = "The agreement on air defence was signed in Minsk by Putin and Lukashenko."
    assert [event.kind for event in events("Allies agree on air defence", body)] == ["signing"]


def test_a_gathering_takes_its_participants_from_the_paragraph():
    body = (
        "A session of the CSTO opened in Moscow. "
        "Taking part are Vladimir Putin, Alexander Lukashenko and Nursultan Nazarbayev."
    )
    [session] = events("Security bloc convenes", body)
    assert (session.kind, session.place) == ("session", "Moscow")
    assert set(session.participants) == {
        "Vladimir Putin",
        "Alexander Lukashenko",
        "Nursultan Nazarbayev",
    }


def test_the_speaker_of_reported_speech_does_not_take_part():
    body = "Putin said that Lukashenko had paid a visit to Medvedev in the spring."
    [visit] = events("Putin speaks about the union state", body)
    assert (visit.kind, visit.participants) == (
        "visit",
        ["Alexander Lukashenko", "Dmitry Medvedev"],
    )
