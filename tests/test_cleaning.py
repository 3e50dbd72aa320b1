"""Cleaning: every rule that drops a line, and what is kept as title, metadata and body."""

from articles.importer.cleaning import clean_page

TITLE = "Leaders discuss regional cooperation in Astana"
PARAGRAPH = "The two presidents discussed trade, energy and transport links at length on Monday."


def rule_for(line: str, page: str | None = None) -> str:
    page = page if page is not None else f"{TITLE}\n\n{PARAGRAPH}\n\n{line}\n"
    [found] = [candidate for candidate in clean_page(page).lines if candidate.text == line]
    return found.rule


def test_a_phone_number_line_is_dropped_as_an_advertisement():
    assert rule_for("Реклама +7(700) 388 81 09") == "phone_number"


def test_a_numbered_short_line_is_a_menu_item():
    assert rule_for("3. Politics") == "menu_item"


def test_a_bulleted_short_line_is_a_menu_item():
    assert rule_for("• World news") == "menu_item"


def test_site_widgets_are_dropped_even_with_a_bullet():
    assert rule_for("• Found a bug?") == "site_widget"
    assert rule_for("Skip to Content") == "site_widget"


def test_widgets_glued_together_by_the_scraper_are_dropped():
    assert rule_for("Join TelegramSkip to Content") == "site_widget"


def test_a_photo_credit_is_dropped():
    assert rule_for("Photo courtesy of akorda.kz Photo courtesy of akorda.kz") == "photo_credit"
    assert rule_for("Фото: пресс-служба Акорды") == "photo_credit"


def test_a_short_line_repeated_on_the_page_is_dropped():
    page = f"Economy\n\n{TITLE}\n\n{PARAGRAPH}\n\nEconomy\n"
    assert [line.rule for line in clean_page(page).lines if line.text == "Economy"] == [
        "repeated_line",
        "repeated_line",
    ]


def test_lines_above_the_title_that_are_not_headlines_are_dropped():
    assert rule_for("Politics", page=f"Politics\n\n{TITLE}\n\n{PARAGRAPH}\n") == "before_title"


def test_a_short_fragment_after_the_title_is_dropped():
    assert rule_for("Market") == "short_fragment"


def test_a_line_without_words_is_dropped():
    assert rule_for("* * *") == "no_words"


def test_the_title_is_the_first_headline_like_line_after_the_noise():
    page = clean_page(f"Skip to Content\n1. Main\n\n{TITLE}\n\n{PARAGRAPH}\n")
    assert page.title == TITLE


def test_title_drops_a_date_glued_to_its_end():
    page = clean_page(f"Putin meets Nazarbayev in Moscow 23 декабря 2014, 20:33\n\n{PARAGRAPH}")
    assert page.title == "Putin meets Nazarbayev in Moscow"
    assert page.title_date.date.isoformat() == "2014-12-23"


def test_a_source_line_becomes_the_source_not_body():
    page = clean_page(f"{TITLE}\n\n{PARAGRAPH}\n\nSource: Kazakhstan 2050\n")
    assert page.source_line == "Kazakhstan 2050"
    assert "Kazakhstan 2050" not in page.body


def test_a_date_alone_on_its_line_is_metadata_not_body():
    page = clean_page(f"Thursday, September 23rd, 2021\n\n{TITLE}\n\n{PARAGRAPH}\n")
    assert [line.text for line in page.with_verdict("date")] == ["Thursday, September 23rd, 2021"]


def test_a_byline_is_metadata_not_body():
    page = clean_page(f"{TITLE}\n\n{PARAGRAPH}\n\nReporting by Ann Lee, writing by Bo Kim\n")
    assert len(page.with_verdict("byline")) == 1
    assert "Ann Lee" not in page.body


def test_paragraphs_are_kept_in_order_and_joined_by_blank_lines():
    second = "They agreed to meet again next year in the capital of Belarus."
    page = clean_page(f"{TITLE}\n\n{PARAGRAPH}\n\n{second}\n")
    assert page.body == f"{PARAGRAPH}\n\n{second}"


def test_a_phone_number_inside_a_long_paragraph_keeps_the_paragraph():
    text = (
        "Readers can call the embassy hotline at +7 (7172) 55 12 34 for details of the visa "
        "regime introduced for citizens of the union states this spring."
    )
    assert clean_page(f"{TITLE}\n\n{text}\n").paragraphs == [text]


def test_a_page_without_a_headline_takes_its_first_line_as_title():
    page = clean_page(f"{PARAGRAPH}\n\nAnother sentence follows here with several words in it.\n")
    assert page.title == PARAGRAPH
    assert page.body == "Another sentence follows here with several words in it."


def test_an_empty_page_has_no_title_and_no_body():
    page = clean_page("")
    assert page.title == ""
    assert page.body == ""


def test_a_line_of_short_items_between_separators_is_a_menu_bar():
    assert rule_for("Home | Politics | Economy") == "menu_bar"
    assert rule_for("Главная » Новости » Политика") == "menu_bar"


def test_every_dropped_line_of_a_seed_page_names_its_rule(seeds_dir):
    text = (seeds_dir / "000_38f66a986922ee89.txt").read_text(encoding="utf-8")
    page = clean_page(text)
    assert page.dropped
    assert all(line.rule for line in page.dropped)
    assert {line.rule for line in page.dropped} >= {"phone_number", "menu_item", "site_widget"}
