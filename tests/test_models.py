"""Model constraints: what the database itself refuses."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, Country, Office, Person


def make_article(**fields) -> Article:
    defaults = {
        "title": "T",
        "body": "b",
        "raw_text": "b",
        "sha256": "a" * 64,
        "file_name": "a.txt",
    }
    return Article.objects.create(**{**defaults, **fields})


@pytest.mark.django_db
def test_an_article_with_a_known_sha256_is_rejected():
    make_article(sha256="f" * 64, file_name="one.txt")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(sha256="f" * 64, file_name="two.txt")


@pytest.mark.django_db
def test_people_with_the_same_name_get_different_slugs():
    first = Person.objects.create(name="Test Person Zeta")
    second = Person.objects.create(name="Test Person Zeta")
    assert first.slug == "test-person-zeta"
    assert second.slug == "test-person-zeta-2"


@pytest.mark.django_db
def test_a_duplicate_slug_is_rejected():
    Person.objects.create(name="Ann One", slug="ann")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(name="Ann Two", slug="ann")


@pytest.mark.django_db
def test_an_office_cannot_end_before_it_starts():
    person = Person.objects.create(name="Someone Short")
    country = Country.objects.create(code="ZZ", name="Zedland")
    with pytest.raises(IntegrityError), transaction.atomic():
        Office.objects.create(
            person=person,
            title="President",
            country=country,
            start=datetime.date(2020, 1, 2),
            end=datetime.date(2020, 1, 1),
        )


@pytest.mark.django_db
def test_article_url_carries_an_optional_slug():
    article = make_article(title="Putin meets Nazarbayev in Moscow")
    assert article.get_absolute_url() == f"/articles/{article.pk}/putin-meets-nazarbayev-in-moscow/"
