"""Marking an article's text: names linked, search terms marked, everything else escaped."""

from articles.marking import mark_text


def test_it_escapes_the_text_and_keeps_lines_as_paragraphs():
    html = mark_text("a <script>\n\nb & c", names={})
    assert html == "<p>a &lt;script&gt;</p>\n<p>b &amp; c</p>"


def test_it_links_whole_names_only_longest_first():
    names = {"Putin": "/people/putin/", "Vladimir Putin": "/people/putin/"}
    html = mark_text("Vladimir Putin and Putinism", names=names)
    assert (
        html == '<p><a class="person-ref" href="/people/putin/">Vladimir Putin</a> and Putinism</p>'
    )


def test_it_marks_query_words_in_any_inflection_as_the_search_matched_them():
    html = mark_text("Talks on Trade and the meetings", names={}, query="meeting trade")
    assert html == "<p>Talks on <mark>Trade</mark> and the <mark>meetings</mark></p>"
    assert "<mark>Путин</mark>" in mark_text("Путин прибыл", names={}, query="Путина")
    assert "<mark>" not in mark_text("Putin arrived", names={}, query="put")


def test_query_syntax_is_not_marked():
    html = mark_text("gas deal, no oil", names={}, query='"gas deal" -oil or')
    assert html == "<p><mark>gas</mark> <mark>deal</mark>, no oil</p>"


def test_names_are_linked_and_query_words_marked_around_them():
    names = {"Vladimir Putin": "/people/putin/"}
    html = mark_text("Vladimir Putin held talks", names=names, query="talks")
    link = '<a class="person-ref" href="/people/putin/">Vladimir Putin</a>'
    assert html == f"<p>{link} held <mark>talks</mark></p>"


def test_a_query_of_markup_is_harmless():
    html = mark_text("x <bold>", names={}, query="<bold>")
    assert html == "<p>x &lt;<mark>bold</mark>&gt;</p>"
