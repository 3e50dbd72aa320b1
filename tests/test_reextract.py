"""Re-extraction: stored raw text, the current knowledge base, relations replaced in place."""

import io

import pytest
from django.core.management import call_command

from articles.importer import pipeline
from articles.importer.pipeline import import_paths, reextract_articles
from articles.models import Article, Event, PersonMention
from tests.importing import fake_extract, leaders, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fake_extractor(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_page", fake_extract)


def test_an_alias_added_by_an_editor_links_the_articles_that_use_it(tmp_path):
    people = leaders()
    body = "Vladimir Putin thanked Steppe Patriarch for the visit."
    (tmp_path / "a.txt").write_text(
        page_text("Putin thanks the First President", body=body, published="2019-06-01")
    )
    import_paths([tmp_path], workers=0)
    article = Article.objects.get()
    assert list(article.people.all()) == [people["Putin"]]

    people["Nazarbayev"].aliases.create(name="Steppe Patriarch", language="ru")
    (tmp_path / "a.txt").unlink()  # re-extraction needs only the stored raw text
    out = io.StringIO()
    call_command("reextract", "--batch-size", "1", stdout=out)

    assert out.getvalue() == "re-extracted 1, skipped 0 edited, failed 0\n"
    relinked = Article.objects.get()
    assert relinked.pk == article.pk
    assert set(relinked.people.all()) == {people["Putin"], people["Nazarbayev"]}
    assert "Steppe Patriarch" in relinked.search_names
    assert relinked.imported_at == article.imported_at


def test_reextraction_replaces_relations_without_duplicating_them(tmp_path):
    leaders()
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(
            page_text(
                f"Meeting {n}",
                body="Vladimir Putin met Nursultan Nazarbayev.",
                events=("meeting 2014-12-22 Moscow Vladimir Putin, Nursultan Nazarbayev",),
            )
        )
    import_paths([tmp_path], workers=0)
    ids = set(Article.objects.values_list("pk", flat=True))

    result = reextract_articles(batch_size=2, workers=2)

    assert (result.updated, result.failed) == (3, 0)
    assert set(Article.objects.values_list("pk", flat=True)) == ids
    assert PersonMention.objects.count() == 6
    assert Event.objects.get().reports.count() == 3
