"""Marking an article's text: names linked, search terms marked, everything else escaped."""

from articles.marking import mark_text, query_terms


def test_it_escapes_the_text_and_keeps_lines_as_paragraphs():
    html = mark_text("a <script>\n\nb & c", names={})
    assert html == "<p>a &lt;script&gt;</p>\n<p>b &amp; c</p>"


def test_it_links_whole_names_only_longest_first():
    names = {"Putin": "/people/putin/", "Vladimir Putin": "/people/putin/"}
    html = mark_text("Vladimir Putin and Putinism", names=names)
    assert (
        html == '<p><a class="person-ref" href="/people/putin/">Vladimir Putin</a> and Putinism</p>'
    )


def test_it_marks_query_words_as_prefixes_ignoring_case():
    html = mark_text("Talks on Trade and trading", names={}, query="trade")
    assert html == "<p>Talks on <mark>Trade</mark> and trading</p>"
    assert "<mark>trading</mark>" in mark_text("trading", names={}, query="trad")


def test_query_syntax_is_not_marked():
    assert query_terms('"gas deal" -oil or Putin a') == ["gas", "deal", "Putin"]


def test_a_query_of_markup_is_harmless():
    html = mark_text("x <bold>", names={}, query="<bold>")
    assert html == "<p>x &lt;<mark>bold</mark>&gt;</p>"
