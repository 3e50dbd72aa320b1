"""People: known names in any form, offices resolved on the article's date, unknown officials."""

import pytest

from articles.importer.extraction import extract_page
from tests.knowledge_factories import LI_KEQIANG, PUTIN, small_knowledge

KNOWLEDGE = small_knowledge()
BODY = "They discussed trade, energy and transport links at length during the meeting."


def people(title: str, body: str = BODY, date: str = "2018-05-15", knowledge=KNOWLEDGE):
    page = f"{title} {date}\n\n{body}\n" if date else f"{title}\n\n{body}\n"
    return [(person.name, person.count) for person in extract_page(page, knowledge).people]


def names(*args, **kwargs) -> list[str]:
    return [name for name, _ in people(*args, **kwargs)]


def test_full_names_and_surnames_count_for_the_same_person():
    found = people("Putin meets Lukashenko in Minsk", "Vladimir Putin said Lukashenko was right.")
    assert found == [("Vladimir Putin", 2), ("Alexander Lukashenko", 2)]


def test_people_are_ordered_by_first_appearance():
    assert names("Lukashenko hosts Putin in Minsk") == ["Alexander Lukashenko", "Vladimir Putin"]


def test_russian_inflected_surnames_match():
    body = (
        "Путин провел переговоры с Назарбаевым. Путина поддержал Лукашенко, Назарбаеву позвонили."
    )
    found = people("Встреча лидеров в Москве", body)
    assert found == [
        ("Vladimir Putin", 2),
        ("Nursultan Nazarbayev", 2),
        ("Alexander Lukashenko", 1),
    ]


def test_an_initial_and_surname_name_the_person():
    assert names("V. Putin stressed the importance of trade") == ["Vladimir Putin"]


def test_names_match_whole_words_only():
    knowledge = small_knowledge(LI_KEQIANG)
    assert names("Lithuania and Libya hold trade talks", knowledge=knowledge) == []
    assert names("Premier Li arrives for trade talks", knowledge=knowledge) == ["Li Keqiang"]


@pytest.mark.parametrize(
    "office",
    [
        "the Russian President",
        "President of the Russian Federation",
        "President of Russia",
        "the Russian president",
        "Президент России",
    ],
)
def test_an_office_names_whoever_held_it_on_the_article_date(office):
    assert names(f"{office} opened the forum in Sochi") == ["Vladimir Putin"]


def test_an_office_resolves_differently_on_dates_either_side_of_a_handover():
    title = "President of Kazakhstan opens the forum in Astana"
    assert names(title, date="2018-05-15") == ["Nursultan Nazarbayev"]
    assert names(title, date="2020-05-15") == ["Kassym-Jomart Tokayev"]


def test_a_prime_minister_office_resolves_to_the_head_of_government():
    assert names("Russian Prime Minister opened the forum", date="2010-05-15") == ["Vladimir Putin"]
    assert names("Russian Prime Minister opened the forum", date="2015-05-15") == [
        "Dmitry Medvedev"
    ]


def test_the_chinese_premier_resolves_on_the_date():
    knowledge = small_knowledge(LI_KEQIANG)
    assert names("The Chinese Premier visits the plant", knowledge=knowledge) == ["Li Keqiang"]


def test_the_head_of_state_means_the_sources_country():
    body = "The Head of State noted the results of the year. Source: BelTA"
    page = f"The Head of State opened the session 15.05.2018\n\n{body}\n\nSource: BelTA\n"
    assert [person.name for person in extract_page(page, KNOWLEDGE).people] == [
        "Alexander Lukashenko"
    ]


def test_without_an_outlet_the_head_of_state_is_of_the_country_most_referred_to():
    body = "Kazakhstan and Kazakh companies gained; the Head of State praised Kazakhstan."
    assert names("Economy grows for a third year", body) == ["Nursultan Nazarbayev"]


def test_an_office_followed_by_the_name_counts_once():
    assert people("Russian President Vladimir Putin arrives in Minsk") == [("Vladimir Putin", 1)]


def test_a_shared_surname_resolves_to_the_office_holder_on_the_date():
    title = "Aliyev receives the delegation in Baku"
    assert names(title, date="2001-05-15") == ["Heydar Aliyev"]
    assert names(title, date="2010-05-15") == ["Ilham Aliyev"]


def test_a_shared_surname_resolves_to_the_person_named_in_full():
    body = "Ilham Aliyev recalled the work of his father. Aliyev thanked the hosts."
    assert people("Talks in Baku", body, date="2001-05-15") == [("Ilham Aliyev", 2)]


def test_an_unknown_official_introduced_by_a_title_is_an_unknown_person():
    body = "Kazakh Prime Minister Ivan Petrov met investors. Petrov said the plan would work."
    page = f"Investors meet in Astana 15.05.2018\n\n{body}\n"
    [petrov] = extract_page(page, KNOWLEDGE).people
    assert (petrov.name, petrov.known, petrov.title, petrov.count) == (
        "Ivan Petrov",
        False,
        "Kazakh Prime Minister",
        2,
    )


def test_an_unknown_minister_is_recorded_with_the_title_that_introduced_him():
    body = "Foreign Minister Arman Bekov arrived in Minsk for consultations with partners."
    [bekov] = extract_page(f"Consultations in Minsk 15.05.2018\n\n{body}", KNOWLEDGE).people
    assert (bekov.name, bekov.known, bekov.title) == ("Arman Bekov", False, "Foreign Minister")


def test_journalists_in_bylines_are_not_people():
    knowledge = small_knowledge(PUTIN)
    page = f"Putin visits Minsk 15.05.2018\n\n{BODY}\n\nBy Vladimir Putin\n"
    extraction = extract_page(page, knowledge)
    assert extraction.bylines == ["Vladimir Putin"]
    assert extraction.people == []
