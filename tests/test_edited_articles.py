"""Editors' corrections: an article changed in the admin is marked edited, and re-extraction
leaves it alone unless told otherwise; a changed file still replaces it on import."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.importer import pipeline
from articles.importer.pipeline import import_paths
from articles.models import Article
from tests.importing import fake_extract, leaders, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fake_extractor(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_page", fake_extract)


@pytest.fixture
def imported(tmp_path):
    leaders()
    path = tmp_path / "a.txt"
    path.write_text(
        page_text(
            "Putin meets Nazarbayev",
            body="Vladimir Putin met Nursultan Nazarbayev in Moscow.",
            events=("meeting 2014-12-22 Moscow Vladimir Putin, Nursultan Nazarbayev",),
            quotes=(("Vladimir Putin", "We agreed."),),
        )
    )
    import_paths([tmp_path], workers=0)
    return path


def posted_change_form(client, article, **changes) -> dict:
    """The admin change form of ``article`` as the browser would send it, with ``changes``."""
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    forms = [page.context["adminform"].form]
    data = {}
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += formset.forms
        management = formset.management_form
        data.update({bound.html_name: bound.value() for bound in management})
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            data[bound.html_name] = "on" if value is True else value
            if bound.field.show_hidden_initial:  # fields with a callable default
                data[bound.html_initial_name] = data[bound.html_name]
    data.update(changes)
    return data


def reextract() -> str:
    out = io.StringIO()
    call_command("reextract", stdout=out)
    return out.getvalue()


def test_a_title_corrected_in_the_admin_survives_reextraction(imported, staff_client):
    article = Article.objects.get()
    data = posted_change_form(staff_client, article, title="Putin and Nazarbayev meet")

    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.get().edited
    assert reextract() == "re-extracted 0, skipped 1 edited, failed 0\n"
    assert Article.objects.get().title == "Putin and Nazarbayev meet"


def test_saving_an_unchanged_article_does_not_mark_it_edited(imported, staff_client):
    article = Article.objects.get()
    data = posted_change_form(staff_client, article)

    staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert not Article.objects.get().edited


def test_a_quote_removed_in_the_admin_marks_the_article_edited(imported, staff_client):
    article = Article.objects.get()
    data = posted_change_form(staff_client, article, **{"quotes-0-DELETE": "on"})

    staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    edited = Article.objects.get()
    assert edited.edited and not edited.quotes.exists()
    reextract()
    assert not Article.objects.get().quotes.exists()


def test_include_edited_replaces_the_corrections(imported):
    Article.objects.update(title="Corrected", edited=True)

    out = io.StringIO()
    call_command("reextract", "--include-edited", stdout=out)

    assert out.getvalue() == "re-extracted 1, skipped 0 edited, failed 0\n"
    article = Article.objects.get()
    assert (article.title, article.edited) == ("Putin meets Nazarbayev", False)


def test_a_changed_file_replaces_an_edited_article(imported):
    Article.objects.update(title="Corrected", edited=True)
    imported.write_text(page_text("Lukashenko calls Putin"))

    result = import_paths([imported.parent], workers=0)

    assert result.summary() == "imported 0, updated 1, unchanged 0, failed 0"
    article = Article.objects.get()
    assert (article.title, article.edited) == ("Lukashenko calls Putin", False)
