"""Quotes: quoted speech in any quotation marks, with the speaker the text attributes it to."""

import pytest

from articles.importer.extraction import extract_page
from articles.importer.quotes import find_quoted
from tests.knowledge_factories import small_knowledge

KNOWLEDGE = small_knowledge()
SPEECH = "We will keep working together on trade and energy"


def quotes(body: str, date: str = "15.05.2018"):
    page = f"{date}\n\nLeaders discuss cooperation in Minsk\n\n{body}\n"
    return [(quote.speaker, quote.text) for quote in extract_page(page, KNOWLEDGE).quotes]


@pytest.mark.parametrize(
    "quoted",
    [f"“{SPEECH}”", f'"{SPEECH}"', f"«{SPEECH}»", f'“{SPEECH}"', f"‘{SPEECH}, and more’"],
)
def test_every_kind_of_quotation_mark_opens_and_closes_a_quote(quoted):
    [quote] = find_quoted(f"Lukashenko said: {quoted}.")
    assert quote.text.startswith(SPEECH)


def test_short_quoted_words_and_apostrophes_are_not_quotes():
    assert find_quoted('The "Kazakhstan 2050" strategy and Putin’s and Lukashenko’s plans.') == []


def test_the_speaker_named_after_the_quote():
    assert quotes(f"“{SPEECH},” Lukashenko said.") == [("Alexander Lukashenko", f"{SPEECH},")]


def test_the_speaker_named_before_the_quote():
    assert quotes(f'Vladimir Putin said: "{SPEECH}."') == [("Vladimir Putin", f"{SPEECH}.")]


def test_the_speaker_after_the_verb():
    assert quotes(f"“{SPEECH},” said Vladimir Putin.")[0][0] == "Vladimir Putin"


def test_the_speaker_named_by_office():
    assert quotes(f"“{SPEECH}”, the President of Belarus noted.")[0][0] == "Alexander Lukashenko"


def test_he_means_the_subject_of_the_previous_sentence():
    body = f'Lukashenko spoke about the union state. "{SPEECH}," he told Putin.'
    assert quotes(body)[0][0] == "Alexander Lukashenko"


def test_russian_guillemets_with_a_dash_attribution():
    body = "«Мы продолжим работать вместе в торговле и энергетике», — сказал Лукашенко."
    assert quotes(body)[0][0] == "Alexander Lukashenko"


def test_a_quote_without_attribution_has_no_speaker():
    assert quotes(f"The banner read “{SPEECH}” in large letters.") == [(None, SPEECH)]


def test_the_speaker_of_a_multi_sentence_quote():
    body = f"“{SPEECH}. We are allies. We will overcome this difficult time”, V. Putin said."
    assert quotes(body)[0][0] == "Vladimir Putin"
